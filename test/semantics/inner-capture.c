// A variable of a block that ends before the function returns is captured by
// value when the defer executes (it no longer exists at exit); variables of
// the function's outermost block and parameters are used themselves.
// Go keeps such variables alive instead; this is where C must differ.
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
    inner = 11;    // after the defer: not seen
    p.b = 99;      // not seen either
    name = "second";
  }
  outer = 2;       // the outermost block's variable: seen
}
// CHECK: inner=10 outer=2 p=1,2 name=first

static void capture_per_iteration(void) {
  for (int i = 0; i < 3; i++) {
    int square = i * i;
    defer {
      square += 100; // changes this defer's copy only
      printf("i=%d square=%d\n", i, square);
    }
    square = -1;
  }
}
// CHECK-NEXT: i=2 square=104
// CHECK-NEXT: i=1 square=101
// CHECK-NEXT: i=0 square=100

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
