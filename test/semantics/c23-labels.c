// C23 lets a label stand before a declaration. A variable so declared in
// the function's outermost block lives until the function returns, like
// any other there: deferred code reads it at exit (it used to be taken for
// a variable of an inner block and copied at the defer).
// RUN: %run-modes %s -std=c23 | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static void labeled(int n) {
start:
  int x = n;
  defer { printf("labeled: %d\n", x); }
twice: again:
  int y = 0;
  defer { printf("labeled twice: %d\n", y); }
  x += 1;
  y = x * 2;
}
// CHECK:      labeled twice: 4
// CHECK-NEXT: labeled: 2

int main(void) {
  labeled(1);
  return 0;
}
