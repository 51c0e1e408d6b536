// Functions declared noreturn, with defers.
// - A panic passes through one, running its deferred code, to a recover
//   further out. With __attribute__((noreturn)), whose function type is
//   noreturn, CodeGen made the exit sequence end in `unreachable`, and the
//   panic went nowhere (a hang at -O0, a crash at -O2).
// - One whose own deferred code recovers cannot return: its callers go on
//   as if it never does, and the return ran into code that was never meant
//   to run (a jump to address 0). The runtime ends the program instead,
//   naming the function, with status 2. Deferred code that recovers and
//   then leaves by exit() is fine.
// Each with C11's _Noreturn and GNU's attribute.
// RUN: %run-modes %s -DNORETURN=_Noreturn | FileCheck %s --check-prefix=PASSES
// RUN: %run-modes %s '-DNORETURN=__attribute__((noreturn))' | FileCheck %s --check-prefix=PASSES
// RUN: %expect-status 2 %run-modes %s -DNORETURN=_Noreturn -DRECOVERS 2> %t.err | FileCheck %s --check-prefix=RECOVERS
// RUN: FileCheck %s --check-prefix=FATAL < %t.err
// RUN: %expect-status 2 %run-modes %s '-DNORETURN=__attribute__((noreturn))' -DRECOVERS 2> %t.gnu.err | FileCheck %s --check-prefix=RECOVERS
// RUN: FileCheck %s --check-prefix=FATAL < %t.gnu.err
// RUN: %expect-status 3 %run-modes %s -DNORETURN=_Noreturn -DRECOVERS -DEXITS | FileCheck %s --check-prefix=EXITS
// RUN: %expect-status 2 %run-modes %s '-DNORETURN=__attribute__((noreturn))' -DUNCAUGHT 2> %t.uncaught.err
// RUN: FileCheck %s --check-prefix=UNCAUGHT < %t.uncaught.err
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef NORETURN
#define NORETURN _Noreturn
#endif

NORETURN void fail(const char *message) {
  defer puts("fail: deferred");
#ifdef RECOVERS
  defer {
    const char *v = recover();
    printf("fail: recovered %s\n", v ? v : "nothing");
#ifdef EXITS
    fflush(stdout);
    exit(3);
#endif
  }
#endif
  panic(message);
}

static int caller(void) {
#ifndef UNCAUGHT
  defer {
    const char *v = recover();
    printf("caller: recovered %s\n", v ? v : "nothing");
  }
#endif
  fail("boom");
}

int main(void) {
  caller();
  puts("main: after the caller");
  return 0;
}
// PASSES:      fail: deferred
// PASSES-NEXT: caller: recovered boom
// PASSES-NEXT: main: after the caller
// RECOVERS:      fail: recovered boom
// RECOVERS-NEXT: fail: deferred
// RECOVERS-NOT:  caller
// FATAL: fatal error: cdefer: 'fail' recovered a panic, but it is declared noreturn and cannot return to its caller; recover in a caller, or end the deferred code that recovers with exit, abort or longjmp
// EXITS: fail: recovered boom
// UNCAUGHT: panic: boom
