// With -flto the link optimizes every module together. A panic raised in a
// function of a translation unit that has no defers, or in a callback that
// such a function calls, still runs the deferred code of the callers and
// is recovered there: the plugin says the functions it compiles for a link
// may unwind (CodeGen marks every C function that cannot), so the link
// keeps the callers' landing pads.
// RUN: %go-oracle %S/Inputs/lto-frames.go %t.go
// RUN: env CDEFER_MODES='-O2 -flto -fuse-ld=lld;-O2 -flto=thin -fuse-ld=lld;-O0 -flto -fuse-ld=lld' \
// RUN:   %run-modes %s %S/Inputs/lto-no-defers.c > %t.c.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

int checked(int x);
int sum_of(int (*f)(int), int n);

static void report(const char *who) {
  // Called directly by deferred code: recover() is Go's here.
  const char *v = recover();
  printf("%s: recovered %s\n", who, v ? v : "nil");
}

static void check(int x) {
  defer report("check");
  printf("check: %d\n", checked(x));
}
// CHECK:      check: 10
// CHECK-NEXT: check: recovered nil
// CHECK-NEXT: check: recovered negative

static int square_until_three(int i) {
  if (i == 3)
    panic("three");
  return i * i;
}

static int sum(void) {
  defer_result int r = -1;
  defer report("sum");
  r = sum_of(square_until_three, 5);
  return r;
}
// CHECK-NEXT: sum: recovered three
// CHECK-NEXT: sum returned -1

int main(void) {
  check(1);
  check(-1);
  printf("sum returned %d\n", sum());
  return 0;
}
