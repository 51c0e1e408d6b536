// A deferred block refers to the variables themselves and sees the values
// they hold at exit, like a Go closure; a deferred expression that is not a
// call is evaluated entirely at exit.
// RUN: %run-modes %s > %t.c.out
// RUN: %go run %S/Inputs/block-refs.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static int total;

static void sees_exit_values(int param) {
  int x = 1;
  defer { printf("block sees x=%d param=%d total=%d\n", x, param, total); }
  defer total += x; // an assignment, not a call: all of it runs at exit
  x = 2;
  param = 7;
  total = 40;
}
// CHECK: block sees x=2 param=7 total=42

static void loop_locals(void) {
  for (int i = 0; i < 3; i++) {
    int v = i * 10;
    defer { printf("loop local v=%d\n", v); }
  }
}
// CHECK-NEXT: loop local v=20
// CHECK-NEXT: loop local v=10
// CHECK-NEXT: loop local v=0

int main(void) {
  sees_exit_values(5);
  loop_locals();
  return 0;
}
