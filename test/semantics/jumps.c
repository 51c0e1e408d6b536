// `goto` over a defer and `switch` cases after a defer in the same switch
// body are allowed (C2y's _Defer rejects both, Go allows them): a defer that
// was jumped over is simply not scheduled.
// RUN: %run-modes %s > %t.c.out
// RUN: %go run %S/Inputs/jumps.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static void goto_over(int skip) {
  if (skip)
    goto past;
  defer printf("goto_over(%d): not skipped\n", skip);
past:
  printf("goto_over(%d): body\n", skip);
}
// CHECK:      goto_over(1): body
// CHECK-NEXT: goto_over(0): body
// CHECK-NEXT: goto_over(0): not skipped

static void cases_after_defer(int x) {
  switch (x) {
  case 0:
    defer printf("cases(%d): case 0 defer\n", x);
    // fall through
  case 1:
    printf("cases(%d): case 1\n", x);
    defer printf("cases(%d): case 1 defer\n", x);
    break;
  case 2:
    printf("cases(%d): case 2\n", x);
  }
  printf("cases(%d): after switch\n", x);
}
// CHECK-NEXT: cases(0): case 1
// CHECK-NEXT: cases(0): after switch
// CHECK-NEXT: cases(0): case 1 defer
// CHECK-NEXT: cases(0): case 0 defer
// CHECK-NEXT: cases(1): case 1
// CHECK-NEXT: cases(1): after switch
// CHECK-NEXT: cases(1): case 1 defer
// CHECK-NEXT: cases(2): case 2
// CHECK-NEXT: cases(2): after switch

static void labeled_defer(int n) {
  if (n)
    goto here;
  printf("labeled_defer(%d): not jumping\n", n);
here:
  defer printf("labeled_defer(%d): deferred after label\n", n);
  printf("labeled_defer(%d): body\n", n);
}
// CHECK-NEXT: labeled_defer(1): body
// CHECK-NEXT: labeled_defer(1): deferred after label
// CHECK-NEXT: labeled_defer(0): not jumping
// CHECK-NEXT: labeled_defer(0): body
// CHECK-NEXT: labeled_defer(0): deferred after label

int main(void) {
  goto_over(1);
  goto_over(0);
  cases_after_defer(0);
  cases_after_defer(1);
  cases_after_defer(2);
  labeled_defer(1);
  labeled_defer(0);
  return 0;
}
