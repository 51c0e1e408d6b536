// A panic runs the pending deferred statements of the panicking function,
// then of its caller, and so on outward, each function's in LIFO order, each
// exactly once, whatever strategy each function was compiled with; a recover
// in an outer frame stops it there and that frame returns normally.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/unwinds-callers.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static void innermost(int n) {
  defer printf("innermost: first deferred\n");
  defer printf("innermost: second deferred\n");
  if (n > 0)
    panic("boom");
  printf("innermost: not reached\n");
}

// Runtime records (loop defers) between open-coded frames.
static void middle(int n) {
  for (int i = 0; i < 3; i++)
    defer printf("middle: loop defer %d\n", i);
  innermost(n);
  printf("middle: not reached\n");
}

// A frame whose body never returns normally still runs its defers.
static void forever(int n) {
  defer printf("forever: deferred\n");
  for (;;)
    middle(n);
}

static int outer(void) {
  defer_result int result = 7;
  defer {
    const char *v = recover();
    printf("outer: recovered %s\n", v ? v : "nothing");
    result = -1;
  }
  defer printf("outer: deferred before the recovering one\n");
  forever(1);
  return 0;
}

int main(void) {
  printf("outer returned %d\n", outer());
  printf("main: after recovery\n");
  return 0;
}
// CHECK:      innermost: second deferred
// CHECK-NEXT: innermost: first deferred
// CHECK-NEXT: middle: loop defer 2
// CHECK-NEXT: middle: loop defer 1
// CHECK-NEXT: middle: loop defer 0
// CHECK-NEXT: forever: deferred
// CHECK-NEXT: outer: deferred before the recovering one
// CHECK-NEXT: outer: recovered boom
// CHECK-NEXT: outer returned -1
// CHECK-NEXT: main: after recovery
