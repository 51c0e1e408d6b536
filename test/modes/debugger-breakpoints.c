// A breakpoint on a call-form defer's line stops where the defer executes
// and again where the deferred call runs; one inside a deferred block stops
// each time the block runs. Both at a normal return and while a panic
// unwinds the frame, in gdb and lldb, under both strategies, at -O0. In the
// deferred code, `__cdefer_unwinding` says which (0: return, 1: panic).
// e62146e: line 21 stopped only at the defer, and line 23 never during the
// panic (gdb keeps one address per line and lexical block).
// REQUIRES: gdb
// RUN: %cdefer -g -O0 %s %runtime -o %t
// RUN: gdb -batch -nx -ex 'break debugger-breakpoints.c:21' -ex 'break debugger-breakpoints.c:23' -ex run -ex c -ex c -ex c -ex c -ex 'info locals' -ex bt -ex c -ex c %t 2>&1 | FileCheck %s --check-prefix=GDB
// RUN: %cdefer -g -O0 -fplugin-arg-cdefer-strategy=runtime %s %runtime -o %t.rt
// RUN: gdb -batch -nx -ex 'break debugger-breakpoints.c:21' -ex 'break debugger-breakpoints.c:23' -ex run -ex c -ex c -ex c -ex c -ex 'info locals' -ex bt -ex c -ex c %t.rt 2>&1 | FileCheck %s --check-prefix=GDB
// RUN: %if lldb-22 %{ lldb-22 -b -o 'breakpoint set -f debugger-breakpoints.c -l 21' -o 'breakpoint set -f debugger-breakpoints.c -l 23' -o run -o c -o c -o c -o c -o 'frame variable __cdefer_unwinding' -o c -o c %t 2>&1 | FileCheck %s --check-prefix=LLDB %}
// RUN: %if lldb-22 %{ lldb-22 -b -o 'breakpoint set -f debugger-breakpoints.c -l 21' -o 'breakpoint set -f debugger-breakpoints.c -l 23' -o run -o c -o c -o c -o c -o 'frame variable __cdefer_unwinding' -o c -o c %t.rt 2>&1 | FileCheck %s --check-prefix=LLDB %}
#include <cdefer.h>
#include <stdio.h>

static void cleanup(int n) { printf("cleanup %d\n", n); }

static void explode(int n) {
  defer cleanup(n); // line 21
  defer {
    printf("block %d\n", n); // line 23
  }
  if (n > 1)
    panic("boom");
  printf("no panic\n");
}

static void run(int n) {
  defer {
    if (recover())
      printf("recovered\n");
  }
  explode(n);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  run(1);
  run(2);
  return 0;
}
// GDB:      Breakpoint 1 at {{.*}}: debugger-breakpoints.c:21. (3 locations)
// GDB:      Breakpoint 2 at {{.*}}: debugger-breakpoints.c:23. (2 locations)
// GDB:      Breakpoint 1.1, explode (n=1) at {{.*}}debugger-breakpoints.c:21
// GDB:      no panic
// GDB:      Breakpoint 2.1, explode (n=1) at {{.*}}debugger-breakpoints.c:23
// GDB:      block 1
// GDB:      Breakpoint 1.2, explode (n=1) at {{.*}}debugger-breakpoints.c:21
// GDB:      cleanup 1
// GDB:      Breakpoint 1.1, explode (n=2) at {{.*}}debugger-breakpoints.c:21
// GDB:      Breakpoint 2.2, explode (n=2) at {{.*}}debugger-breakpoints.c:23
// GDB:      __cdefer_unwinding = 1
// GDB:      #0  explode (n=2) at {{.*}}debugger-breakpoints.c:23
// GDB-NEXT: #1  {{.*}} in run (n=2) at {{.*}}debugger-breakpoints.c:35
// GDB:      block 2
// GDB:      Breakpoint 1.3, explode (n=2) at {{.*}}debugger-breakpoints.c:21
// GDB:      cleanup 2
// GDB:      recovered

// LLDB:      Breakpoint 1: 3 locations.
// LLDB:      Breakpoint 2: 2 locations.
// LLDB:      stop reason = breakpoint 1.1
// LLDB:      explode(n=1) at debugger-breakpoints.c:21
// LLDB:      stop reason = breakpoint 2.1
// LLDB:      explode(n=1) at debugger-breakpoints.c:23
// LLDB:      stop reason = breakpoint 1.2
// LLDB:      stop reason = breakpoint 1.1
// LLDB:      explode(n=2) at debugger-breakpoints.c:21
// LLDB:      stop reason = breakpoint 2.2
// LLDB:      explode(n=2) at debugger-breakpoints.c:23
// LLDB:      (int) __cdefer_unwinding = 1
// LLDB:      stop reason = breakpoint 1.3
// LLDB:      explode(n=2) at debugger-breakpoints.c:21

// The debug scopes the IR pass makes are valid at every level:
// RUN: %cdefer -g -O0 -fverify-intermediate-code -c -o /dev/null %S/../panic/recover-identity.c
// RUN: %cdefer -g -O2 -fverify-intermediate-code -c -o /dev/null %S/../panic/recover-identity.c -fplugin-arg-cdefer-strategy=runtime
// RUN: %cdefer -g -O3 -fverify-intermediate-code -c -o /dev/null %S/../semantics/loops.c
