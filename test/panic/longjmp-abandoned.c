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

// Back to a setjmp of the panicking function itself: the deferred code the
// panic ran before the longjmp has run, and the function's return does not
// run it again, nor does a later panic in the same call (optimized, the
// panic's copy of the exit sequence took it off a shadow of the records
// frame only: it ran twice).
static jmp_buf here;
static int block_runs;
static void jumps_home(int panics_again) {
  int again = setjmp(here);
  if (again && !panics_again)
    return;
  if (again) {
    defer { printf("home: recovered %s\n", show(recover())); }
    panic("again");
  }
  defer {
    block_runs++;
    printf("home: deferred block run %d\n", block_runs);
    longjmp(here, 1);
  }
  panic("abandoned at home");
}

int main(void) {
  jumps_home(0);
  printf("home: returned after %d run\n", block_runs);
  block_runs = 0;
  jumps_home(1);
  printf("home: panicked again after %d run\n", block_runs);
  if (!setjmp(back))
    jumps_out();
  printf("back in main: %s\n", show(recover()));
  same_depth();
  recovers_directly();
  fresh_panic();
  return 0;
}
// CHECK:      home: deferred block run 1
// CHECK-NEXT: home: returned after 1 run
// CHECK-NEXT: home: deferred block run 1
// CHECK-NEXT: home: recovered again
// CHECK-NEXT: home: panicked again after 1 run
// The frame that called jumps_out has the abandoned panic's frame address.
// CHECK-NEXT: back in main: nil
// CHECK-NEXT: deferred block, nothing panics: nil
// CHECK-NEXT: direct call, nothing panics: nil
// CHECK-NEXT: fresh panic: fresh
