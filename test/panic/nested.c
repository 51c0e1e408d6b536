// A panic inside a deferred statement during a panic replaces the first one:
// a later recover returns the newer value. A deferred statement may recover
// and then panic again, and an outer frame recovers that.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/nested.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

static void replaced(void) {
  defer printf("replaced: last deferred still runs\n");
  defer { panic("second"); }
  defer printf("replaced: first deferred runs\n");
  panic("first");
}

static void catch_replaced(void) {
  defer { printf("catch_replaced: recovered %s\n", show(recover())); }
  replaced();
}
// CHECK:      replaced: first deferred runs
// CHECK-NEXT: replaced: last deferred still runs
// CHECK-NEXT: catch_replaced: recovered second

static void recover_and_repanic(void) {
  defer printf("recover_and_repanic: earlier deferred runs\n");
  defer {
    printf("recover_and_repanic: recovered %s\n", show(recover()));
    panic("again");
  }
  panic("original");
}

static int catch_repanic(void) {
  defer_result int r = 0;
  defer {
    printf("catch_repanic: recovered %s\n", show(recover()));
    r = 3;
  }
  recover_and_repanic();
  return 1;
}
// CHECK-NEXT: recover_and_repanic: recovered original
// CHECK-NEXT: recover_and_repanic: earlier deferred runs
// CHECK-NEXT: catch_repanic: recovered again
// CHECK-NEXT: catch_repanic returned 3

int main(void) {
  catch_replaced();
  printf("catch_repanic returned %d\n", catch_repanic());
  return 0;
}
