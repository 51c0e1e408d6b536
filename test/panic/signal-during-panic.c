// A signal handler that panics and recovers while another panic has just
// started, before it reached any frame, leaves that panic going: the
// handler's frames are below the call that raised it. Its recover() in
// main returned NULL and the process died of it ("panic: interrupted"),
// since the handler's panic took the other, which had no frame yet, for
// one it had left behind. gdb delivers the signal as the runtime starts
// unwinding.
// REQUIRES: gdb
// RUN: %cdefer -g -O0 %s %runtime -o %t
// RUN: gdb -batch -nx -ex 'break cdefer__fast_unwind' -ex run -ex delete -ex 'signal SIGUSR1' %t 2>&1 | FileCheck %s
// RUN: %cdefer -g -O2 -fplugin-arg-cdefer-strategy=runtime %s %runtime -o %t.rt
// RUN: gdb -batch -nx -ex 'break cdefer__fast_unwind' -ex run -ex delete -ex 'signal SIGUSR1' %t.rt 2>&1 | FileCheck %s
// CHECK: handler: recovered in the handler
// CHECK-NEXT: f: deferred
// CHECK-NEXT: main: recovered interrupted
// CHECK-NOT: panic:
// CHECK: exited normally
#include <cdefer.h>
#include <signal.h>
#include <stdio.h>

static void handler(int sig) {
  (void)sig;
  defer {
    printf("handler: recovered %s\n", (char *)recover());
    fflush(stdout);
  }
  panic("in the handler");
}

__attribute__((noinline)) static void f(void) {
  defer printf("f: deferred\n");
  panic("interrupted");
}

int main(void) {
  signal(SIGUSR1, handler);
  defer { printf("main: recovered %s\n", (char *)recover()); }
  f();
  return 0;
}
