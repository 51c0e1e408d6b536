// A variable of a block that ends before the function returns lives on for
// the deferred code that names it, as in Go: the deferred code sees the
// value it had when its block ended (shared-variables.c has the Go twin).
// Variables of the function's outermost block and parameters are used
// themselves.
// RUN: %run-modes %s | FileCheck %s
#include <cdefer.h>
#include <stdio.h>
#include <string.h>

struct pair { int a, b; };

static void inner_blocks(void) {
  int outer = 1;
  {
    int inner = 10;
    struct pair p = {1, 2};
    const char *name = "first";
    defer {
      printf("inner=%d outer=%d p=%d,%d name=%s\n", inner, outer, p.a, p.b,
             name);
    }
    inner = 11;    // after the defer: seen
    p.b = 99;      // seen too
    name = "second";
  }
  outer = 2;       // the outermost block's variable: seen
}
// CHECK: inner=11 outer=2 p=1,99 name=second

static void capture_per_iteration(void) {
  for (int i = 0; i < 3; i++) {
    int square = i * i;
    defer {
      square += 100; // this iteration's variable, -1 when its block ended
      printf("i=%d square=%d\n", i, square);
    }
    square = -1;
  }
}
// The loop's own variable i, one for the whole loop in C, is one per
// iteration for deferred code, as in Go since 1.22: the increment does not
// change what an iteration's defers see.
// CHECK-NEXT: i=2 square=99
// CHECK-NEXT: i=1 square=99
// CHECK-NEXT: i=0 square=99

static void declared_inside(void) {
  defer {
    int local = 5; // the deferred block's own variable
    for (int k = 0; k < 2; k++)
      local += k;
    printf("declared inside: %d\n", local);
  }
}
// CHECK-NEXT: declared inside: 6

int main(void) {
  inner_blocks();
  capture_per_iteration();
  declared_inside();
  return 0;
}
