// A cleanup of the function's outermost block (a cleanup attribute, or C2y
// `_Defer`), which the exit sequence runs, may panic: the panic runs the
// rest of the exit sequence's unwinding copy, which must not run that
// cleanup again (it did, over and over: the program never ended).
// RUN: %run-modes %s -fdefer-ts | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

__attribute__((noinline)) static void cleanup_panics(int *p) {
  printf("cleanup %d\n", *p);
  panic("in cleanup");
}

__attribute__((noinline)) static void attribute(int n) {
  __attribute__((cleanup(cleanup_panics))) int x = n;
  defer printf("attribute: deferred\n");
}

__attribute__((noinline)) static void boom(void) {
  printf("_Defer runs\n");
  panic("in _Defer");
}

__attribute__((noinline)) static void c2y(int n) {
  _Defer boom();
  defer printf("c2y: deferred\n");
  if (n > 0)
    defer printf("c2y: deferred if\n");
}

static void recovers(void (*f)(int)) {
  defer { printf("recovered %s\n", (char *)recover()); }
  f(1);
}

int main(void) {
  recovers(attribute);
  recovers(c2y);
  return 0;
}
// CHECK:      attribute: deferred
// CHECK-NEXT: cleanup 1
// CHECK-NEXT: recovered in cleanup
// CHECK-NEXT: c2y: deferred if
// CHECK-NEXT: c2y: deferred
// CHECK-NEXT: _Defer runs
// CHECK-NEXT: recovered in _Defer
