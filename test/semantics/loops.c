// A defer executed k times schedules k runs, in a loop or re-reached by a
// backward goto; one never executed schedules nothing.
// RUN: %run-modes %s > %t.c.out
// RUN: %go run %S/Inputs/loops.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static void counted(int n) {
  for (int i = 0; i < n; i++)
    defer printf("for: %d\n", i);
  printf("counted(%d): body\n", n);
}
// CHECK:      counted(3): body
// CHECK-NEXT: for: 2
// CHECK-NEXT: for: 1
// CHECK-NEXT: for: 0
// CHECK-NEXT: counted(0): body
// CHECK-NEXT: after counted(0)

static void while_and_do(void) {
  int i = 0;
  while (i < 2) {
    defer printf("while: %d\n", i);
    i++;
  }
  do {
    defer printf("do: %d\n", i);
    i++;
  } while (i < 4);
  printf("while_and_do: body\n");
}
// CHECK-NEXT: while_and_do: body
// CHECK-NEXT: do: 3
// CHECK-NEXT: do: 2
// CHECK-NEXT: while: 1
// CHECK-NEXT: while: 0

static void backward_goto(void) {
  int n = 0;
again:
  defer printf("goto pass %d\n", n);
  n++;
  if (n < 3)
    goto again;
  printf("backward_goto: body\n");
}
// CHECK-NEXT: backward_goto: body
// CHECK-NEXT: goto pass 2
// CHECK-NEXT: goto pass 1
// CHECK-NEXT: goto pass 0

static void nested(void) {
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      defer printf("nested %d %d\n", i, j);
  printf("nested: body\n");
}
// CHECK-NEXT: nested: body
// CHECK-NEXT: nested 1 1
// CHECK-NEXT: nested 1 0
// CHECK-NEXT: nested 0 1
// CHECK-NEXT: nested 0 0

int main(void) {
  counted(3);
  counted(0);
  printf("after counted(0)\n");
  while_and_do();
  backward_goto();
  nested();
  return 0;
}
