// A longjmp out of deferred code that a panic runs abandons that panic: a
// later recover() while nothing panics returns NULL, not the old value (it
// used to where the caller's stack pointer matched the abandoned frame's:
// in main at -O2, e62146e printed "back in main: abandoned").
// RUN: %run-modes %s | FileCheck %s
#include <cdefer.h>
#include <setjmp.h>
#include <stdio.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

static jmp_buf back;

static void jumps_out(void) {
  defer { longjmp(back, 1); }
  panic("abandoned");
}

// Called at the same depth as jumps_out, so that its frame is where the
// abandoned panic's was.
static void same_depth(void) {
  defer { printf("deferred block, nothing panics: %s\n", show(recover())); }
}
static void recovers_directly(void) {
  printf("direct call, nothing panics: %s\n", show(recover()));
}
static void fresh_panic(void) {
  defer { printf("fresh panic: %s\n", show(recover())); }
  panic("fresh");
}

int main(void) {
  if (!setjmp(back))
    jumps_out();
  printf("back in main: %s\n", show(recover()));
  same_depth();
  recovers_directly();
  fresh_panic();
  return 0;
}
// The frame that called jumps_out has the abandoned panic's frame address.
// CHECK:      back in main: nil
// CHECK-NEXT: deferred block, nothing panics: nil
// CHECK-NEXT: direct call, nothing panics: nil
// CHECK-NEXT: fresh panic: fresh
