// Call form: the callee and every argument are evaluated once, when the defer
// executes; the call happens at exit with those values. Struct arguments are
// copied, variadic calls work, side effects happen at the defer.
// RUN: %run-modes %s > %t.c.out
// RUN: %go run %S/Inputs/call-args.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

struct point { int x, y; double weight; char tag[24]; };

static void show(const char *what, int v) { printf("%s %d\n", what, v); }
static void show_point(struct point p) {
  printf("point %d %d %.1f %s\n", p.x, p.y, p.weight, p.tag);
}
static void alpha(int v) { printf("alpha %d\n", v); }
static void beta(int v) { printf("beta %d\n", v); }

static int counter;
static int next(void) {
  printf("next called\n");
  return ++counter;
}
static void (*pick(void))(int) {
  printf("pick called\n");
  return beta;
}

int main(void) {
  int x = 1;
  defer show("x at defer", x);
  x = 2;

  void (*fp)(int) = alpha;
  defer fp(10);
  fp = beta;

  defer show("side effect", next());
  printf("after side-effect defer\n");

  defer pick()(20);
  printf("after pick defer\n");

  struct point p = {1, 2, 0.5, "copied"};
  defer show_point(p);
  p.x = 100;
  p.tag[0] = 'X';

  defer printf("variadic %d %s %.2f\n", x, "str", 1.25);
  x = 3;
  printf("main: body\n");
  return 0;
}
// CHECK:      next called
// CHECK-NEXT: after side-effect defer
// CHECK-NEXT: pick called
// CHECK-NEXT: after pick defer
// CHECK-NEXT: main: body
// CHECK-NEXT: variadic 2 str 1.25
// CHECK-NEXT: point 1 2 0.5 copied
// CHECK-NEXT: beta 20
// CHECK-NEXT: side effect 1
// CHECK-NEXT: alpha 10
// CHECK-NEXT: x at defer 1
