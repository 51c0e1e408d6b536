// A function declared noreturn whose deferred code recovers cannot return:
// its callers go on as if it never does, and the return ran into code that
// was never meant to run (a jump to address 0). The runtime ends the
// program instead, naming the function, with status 2. Deferred code that
// recovers and then leaves by exit() is fine.
// RUN: %expect-status 2 %run-modes %s 2> %t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=FATAL < %t.err
// RUN: %expect-status 3 %run-modes %s -DEXITS | FileCheck %s --check-prefix=EXITS
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

_Noreturn void fail(const char *message) {
  defer {
    const char *v = recover();
    printf("recovered %s\n", v ? v : "nothing");
#ifdef EXITS
    fflush(stdout);
    exit(3);
#endif
  }
  panic(message);
}

int main(void) {
  fail("boom");
  puts("not reached");
}
// CHECK: recovered boom
// CHECK-NOT: not reached
// FATAL: fatal error: cdefer: 'fail' recovered a panic, but it is declared noreturn and cannot return to its caller; recover in a caller, or end the deferred code that recovers with exit, abort or longjmp
// EXITS: recovered boom
