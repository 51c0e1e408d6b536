// A call-form defer whose argument reaches an inner-block variable through
// `*` or `->` (`*arr`, `&(*arr)[k]`, `(&s)->a`, `&*&v`) keeps that variable
// alive for the call as `&v` does (they left each iteration's call with
// storage the block had left, which the next iteration reused).
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/inner-address-derefs.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

struct pair { int a[2]; };

static void show(const char *tag, const int *p) { printf("%s %d\n", tag, *p); }

static void first_row(void) {
  for (int i = 0; i < 2; i++) {
    int grid[2][2] = {{i, i}, {i, i}};
    defer show("first_row", *grid);
    int k = 1;
    defer show("row_element", &(*grid)[k]);
    grid[0][0] = 10 + i;
    grid[0][1] = 20 + i;
  }
}

static void arrow_member(void) {
  for (int i = 0; i < 2; i++) {
    struct pair s = {{i, i}};
    defer show("arrow_member", (&s)->a);
    s.a[0] = 30 + i;
  }
}

static void deref_address(void) {
  for (int i = 0; i < 2; i++) {
    int v = i;
    defer show("deref_address", &*&v);
    v = 40 + i;
  }
}

int main(void) {
  first_row();
  arrow_member();
  deref_address();
  return 0;
}
// CHECK: row_element 21
// CHECK-NEXT: first_row 11
// CHECK-NEXT: row_element 20
// CHECK-NEXT: first_row 10
// CHECK-NEXT: arrow_member 31
// CHECK-NEXT: arrow_member 30
// CHECK-NEXT: deref_address 41
// CHECK-NEXT: deref_address 40
