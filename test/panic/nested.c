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

// A function with defers that deferred code calls runs its own deferred
// code for its own panic, and recovering that leaves the older panic
// running. Inlined, it shares the stack frame of the deferred code's
// function: the runtime must still tell the two frames apart.
static inline __attribute__((always_inline)) void tidy(int n) {
  defer { printf("tidy: recovered %s\n", show(recover())); }
  if (n)
    panic("inner");
}

static void outer(void) {
  defer printf("outer: earlier deferred runs\n");
  defer {
    tidy(1);
    printf("outer: block goes on\n");
  }
  defer tidy(2);
  panic("outer");
}

static void catch_outer(void) {
  defer { printf("catch_outer: recovered %s\n", show(recover())); }
  outer();
}
// CHECK-NEXT: tidy: recovered inner
// CHECK-NEXT: tidy: recovered inner
// CHECK-NEXT: outer: block goes on
// CHECK-NEXT: outer: earlier deferred runs
// CHECK-NEXT: catch_outer: recovered outer

// A panic in deferred code that the same frame's next deferred code
// recovers ends the older panic too: the frame returns normally, and
// nothing is left for its caller to recover.
static int ends_both(void) {
  defer_result int r = 0;
  defer {
    printf("ends_both: recovered %s\n", show(recover()));
    r = 7;
  }
  defer { panic("second"); }
  panic("first");
  return 1;
}

static void after_ends_both(void) {
  defer { printf("after_ends_both: recovered %s\n", show(recover())); }
  printf("ends_both returned %d\n", ends_both());
}
// CHECK-NEXT: ends_both: recovered second
// CHECK-NEXT: ends_both returned 7
// CHECK-NEXT: after_ends_both: recovered nil

int main(void) {
  catch_replaced();
  printf("catch_repanic returned %d\n", catch_repanic());
  catch_outer();
  after_ends_both();
  return 0;
}
