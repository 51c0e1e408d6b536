// A variable-length array of the outermost block stays one variable when a
// backward goto runs its declaration again (docs/dialect.md section 4), and
// so do the outermost variables its size reads: e81b2a3 made `r` below a new
// variable each pass and then rejected the program ("declare 'r' in the
// function's outermost block", where it already is). Go has no such arrays:
// deferred code sees the one variable, as before e81b2a3.
// RUN: %run-modes %s | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static void sized_by_outer(void) {
  int round = 0;
again:;
  int r = round;
  int vla[r + 1];
  for (int i = 0; i <= r; i++)
    vla[i] = r * 10 + i;
  defer { printf("sized_by_outer %d %d\n", r, vla[r]); }
  if (++round < 3)
    goto again;
}

static void typedef_sized_by_outer(void) {
  int round = 0;
again:;
  int r = round + 1;
  typedef int Row[r];
  defer { printf("typedef_sized_by_outer %zu\n", sizeof(Row)); }
  if (++round < 2)
    goto again;
}

int main(void) {
  sized_by_outer();
  typedef_sized_by_outer();
  return 0;
}
// CHECK: sized_by_outer 2 22
// CHECK-NEXT: sized_by_outer 2 22
// CHECK-NEXT: sized_by_outer 2 22
// CHECK-NEXT: typedef_sized_by_outer 8
// CHECK-NEXT: typedef_sized_by_outer 8
