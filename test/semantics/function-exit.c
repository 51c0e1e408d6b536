// Deferred statements run when the function returns (return, closing brace,
// main's implicit return 0), not when the block holding the defer ends.
// RUN: %run-modes %s > %t.c.out
// RUN: %go run %S/Inputs/function-exit.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static void in_block(void) {
  {
    defer printf("in_block: deferred\n");
    printf("in_block: block ends\n");
  }
  printf("in_block: function continues\n");
}
// CHECK:      in_block: block ends
// CHECK-NEXT: in_block: function continues
// CHECK-NEXT: in_block: deferred

static int early(int x) {
  defer printf("early(%d): deferred\n", x);
  if (x) {
    printf("early(%d): return 1\n", x);
    return 1;
  }
  printf("early(%d): return 0\n", x);
  return 0;
}
// CHECK-NEXT: early(1): return 1
// CHECK-NEXT: early(1): deferred
// CHECK-NEXT: early(0): return 0
// CHECK-NEXT: early(0): deferred

static void falls_off(void) {
  defer printf("falls_off: deferred\n");
  printf("falls_off: body\n");
}
// CHECK-NEXT: falls_off: body
// CHECK-NEXT: falls_off: deferred

int main(void) {
  in_block();
  early(1);
  early(0);
  falls_off();
  defer printf("main: deferred\n");
  printf("main: body\n");
}
// CHECK-NEXT: main: body
// CHECK-NEXT: main: deferred
