// defer alongside the rest of C: C2y `_Defer` keeps its block scope in the
// same function, `__attribute__((cleanup))` variables, va_list cleanup,
// recursion, a `return` inside a statement expression, and exit(), which
// (like Go's os.Exit) does not run deferred statements.
// RUN: %run-modes %s -fdefer-ts | FileCheck %s
#include <cdefer.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void c2y_and_cdefer(void) {
  defer printf("cdefer: function exit\n");
  {
    _Defer printf("_Defer: block exit\n");
    printf("inner block\n");
  }
  printf("after inner block\n");
}
// CHECK:      inner block
// CHECK-NEXT: _Defer: block exit
// CHECK-NEXT: after inner block
// CHECK-NEXT: cdefer: function exit

// A `_Defer` of the outermost block runs only if it was reached (a `return`
// before it used to jump into its scope and run it), after the function's
// deferred statements, as the cleanups of that block do; labeled too.
static void c2y_outermost(int k) {
  defer printf("cdefer: outermost %d\n", k);
  if (k)
    return;
  _Defer printf("_Defer: outermost %d\n", k);
again:
  _Defer printf("_Defer: labeled %d\n", k);
  printf("c2y_outermost body %d\n", k);
  (void)&&again;
}
// CHECK-NEXT: cdefer: outermost 1
// CHECK-NEXT: c2y_outermost body 0
// CHECK-NEXT: cdefer: outermost 0
// CHECK-NEXT: _Defer: labeled 0
// CHECK-NEXT: _Defer: outermost 0

static void report(int *v) { printf("cleanup attribute sees %d\n", *v); }
static void with_cleanup_attribute(void) {
  __attribute__((cleanup(report))) int v = 1;
  defer printf("deferred sees %d\n", v);
  defer { v = 5; }
  v = 2;
}
// CHECK-NEXT: deferred sees 1
// CHECK-NEXT: cleanup attribute sees 5

static int sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  defer va_end(ap);
  int total = 0;
  for (int i = 0; i < n; i++)
    total += va_arg(ap, int);
  return total;
}
// CHECK-NEXT: sum 6

static int depth(int n) {
  defer printf("leave %d\n", n);
  if (n == 0)
    return 0;
  return depth(n - 1) + 1;
}
// CHECK-NEXT: leave 0
// CHECK-NEXT: leave 1
// CHECK-NEXT: leave 2
// CHECK-NEXT: depth 2

static int from_statement_expression(int x) {
  defer printf("statement expression: deferred\n");
  int y = ({
    if (x < 0)
      return -1;
    x * 2;
  });
  return y;
}
// CHECK-NEXT: statement expression: deferred
// CHECK-NEXT: from_statement_expression -1
// CHECK-NEXT: statement expression: deferred
// CHECK-NEXT: from_statement_expression 6

int main(void) {
  c2y_and_cdefer();
  c2y_outermost(1);
  c2y_outermost(0);
  with_cleanup_attribute();
  printf("sum %d\n", sum(3, 1, 2, 3));
  printf("depth %d\n", depth(2));
  printf("from_statement_expression %d\n", from_statement_expression(-4));
  printf("from_statement_expression %d\n", from_statement_expression(3));
  defer printf("never printed: exit() skips defers\n");
  fflush(stdout);
  exit(0);
}
// CHECK-NOT: never printed
