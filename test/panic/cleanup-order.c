// __attribute__((cleanup)) variables of the function's outermost block and
// defers: the deferred statements run first, then the cleanups (the block
// ends after them), on a normal return and while a panic unwinds alike,
// each cleanup once (with -fexceptions its landing pad used to run it, and
// the exit sequence again), and only for a variable whose declaration ran
// (a `return` before it used to run it on an uninitialized variable).
// RUN: %run-modes %s | FileCheck %s
// RUN: %run-modes %s -fexceptions | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static void release(int *n) { printf("cleanup %d\n", *n); }
static void release_any(void *p) { printf("cleanup any %d\n", *(int *)p); }

static void both(int how) {
  defer printf("deferred\n");
  if (how < 0)
    return;
  __attribute__((cleanup(release))) int c = how;
  __attribute__((cleanup(release_any))) int d = how + 10;
  if (how == 1)
    panic("boom");
}

static void catches(void) {
  defer { printf("recovered %s\n", (const char *)recover()); }
  both(1);
}

int main(void) {
  both(-1);
  both(0);
  catches();
  return 0;
}
// CHECK:      deferred
// CHECK-NEXT: deferred
// CHECK-NEXT: cleanup any 10
// CHECK-NEXT: cleanup 0
// CHECK-NEXT: deferred
// CHECK-NEXT: cleanup any 11
// CHECK-NEXT: cleanup 1
// CHECK-NEXT: recovered boom
