// A defer inside an if, a switch case or a loop body runs at function exit,
// not at the end of that block; only the defers reached run.
// RUN: %run-modes %s > %t.c.out
// RUN: %go run %S/Inputs/conditional.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static void branches(int x) {
  if (x > 0) {
    defer printf("branches(%d): positive\n", x);
  } else {
    defer printf("branches(%d): not positive\n", x);
  }
  switch (x) {
  case 1:
    defer printf("branches(%d): case 1\n", x);
    break;
  case 2:
    defer printf("branches(%d): case 2\n", x);
    break;
  default:
    defer printf("branches(%d): default\n", x);
  }
  printf("branches(%d): body\n", x);
}
// CHECK:      branches(1): body
// CHECK-NEXT: branches(1): case 1
// CHECK-NEXT: branches(1): positive
// CHECK-NEXT: branches(2): body
// CHECK-NEXT: branches(2): case 2
// CHECK-NEXT: branches(2): positive
// CHECK-NEXT: branches(-5): body
// CHECK-NEXT: branches(-5): default
// CHECK-NEXT: branches(-5): not positive

// Eight conditional defers, a few of them reached.
static void some_of_eight(unsigned mask) {
  if (mask & 1) defer printf("d0\n");
  if (mask & 2) defer printf("d1\n");
  if (mask & 4) defer printf("d2\n");
  if (mask & 8) defer printf("d3\n");
  if (mask & 16) defer printf("d4\n");
  if (mask & 32) defer printf("d5\n");
  if (mask & 64) defer printf("d6\n");
  if (mask & 128) defer printf("d7\n");
  printf("some_of_eight(%u)\n", mask);
}
// CHECK-NEXT: some_of_eight(164)
// CHECK-NEXT: d7
// CHECK-NEXT: d5
// CHECK-NEXT: d2
// CHECK-NEXT: some_of_eight(0)

static void in_loop_body(void) {
  for (int i = 0; i < 4; i++) {
    if (i % 2)
      defer printf("odd %d\n", i);
    printf("iteration %d ends\n", i);
  }
  printf("in_loop_body: body\n");
}
// CHECK-NEXT: iteration 0 ends
// CHECK-NEXT: iteration 1 ends
// CHECK-NEXT: iteration 2 ends
// CHECK-NEXT: iteration 3 ends
// CHECK-NEXT: in_loop_body: body
// CHECK-NEXT: odd 3
// CHECK-NEXT: odd 1

int main(void) {
  branches(1);
  branches(2);
  branches(-5);
  some_of_eight(164);
  some_of_eight(0);
  in_loop_body();
  return 0;
}
