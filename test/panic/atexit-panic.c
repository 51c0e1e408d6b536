// A panic from an atexit handler, run by an exit() in deferred code while
// another panic unwinds, passes the frame that called exit() by: exit()
// does not return, and no deferred code of that frame runs again. At -O0,
// open-coded, the call-site range of exit(), a function declared not to
// unwind, was folded into the landing pad's around it: main's other
// deferred code ran and recovered, and main returned from within exit().
// RUN: %expect-status 2 %run-modes %s > %t.out 2> %t.err
// RUN: FileCheck %s < %t.out
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// CHECK:     handler
// CHECK-NOT: main
// ERR:       panic: first
// ERR-NEXT:  {{^	}}panic: in an atexit handler
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

static void after(void) { printf("after\n"); }

static void handler(void) {
  printf("handler\n");
  fflush(stdout);
  panic("in an atexit handler");
}

int main(void) {
  atexit(after);
  atexit(handler);
  defer {
    printf("main: recovered %s\n", (char *)recover());
  }
  defer { exit(0); }
  panic("first");
}
