// A call under a cast to void is still a call: `defer (void)f(x);`
// evaluates f and x at the defer, like `defer f(x);` (it used to evaluate x
// at exit).
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/void-cast-call.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static int show(const char *what, int v) {
  printf("%s %d\n", what, v);
  return v;
}

static int (*pick(void))(const char *, int) {
  printf("callee chosen at the defer\n");
  return show;
}

static void discarded_results(void) {
  int x = 1;
  defer (void)show("cast", x);
  defer ((void)(show("parenthesized cast", x + 10)));
  defer (void)pick()("cast of a computed callee", x);
  x = 2;
  printf("body done, x = %d\n", x);
}
// CHECK:      callee chosen at the defer
// CHECK-NEXT: body done, x = 2
// CHECK-NEXT: cast of a computed callee 1
// CHECK-NEXT: parenthesized cast 11
// CHECK-NEXT: cast 1

int main(void) {
  discarded_results();
  return 0;
}
