// Deferred statements run in the reverse order of the execution of their
// defer statements, whichever order they appear in the source.
// RUN: %run-modes %s > %t.c.out
// RUN: %go run %S/Inputs/lifo.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static void three(void) {
  defer printf("first deferred\n");
  defer printf("second deferred\n");
  defer { printf("third deferred\n"); }
  printf("three: body\n");
}
// CHECK:      three: body
// CHECK-NEXT: third deferred
// CHECK-NEXT: second deferred
// CHECK-NEXT: first deferred

// The defer written last executes first here, so it must run last.
static void reordered_by_goto(void) {
  goto second;
first:
  defer printf("written first, executed second\n");
  goto done;
second:
  defer printf("written second, executed first\n");
  goto first;
done:
  printf("reordered: body\n");
}
// CHECK-NEXT: reordered: body
// CHECK-NEXT: written first, executed second
// CHECK-NEXT: written second, executed first

int main(void) {
  three();
  reordered_by_goto();
  return 0;
}
