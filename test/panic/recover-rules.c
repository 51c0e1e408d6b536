// recover() stops a panic only when called directly by deferred code the
// panic runs: in a deferred block, or in the function a call-form defer
// calls. It returns NULL when not panicking, outside deferred code, from
// deeper calls and on the second call. After it, the frame's remaining
// deferred statements run and the frame returns normally.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/recover-rules.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

static void not_panicking(void) {
  printf("not panicking: %s\n", show(recover()));
  defer { printf("deferred, not panicking: %s\n", show(recover())); }
}
// CHECK:      not panicking: nil
// CHECK-NEXT: deferred, not panicking: nil

static void handle(void) { printf("handle: %s\n", show(recover())); }

static void via_call_form(void) {
  defer printf("via_call_form: runs after the recovery\n");
  defer handle();
  panic("call form");
}
// CHECK-NEXT: handle: call form
// CHECK-NEXT: via_call_form: runs after the recovery

static void helper(void) { printf("helper: %s\n", show(recover())); }
static void deeper(void) {
  printf("deeper: %s\n", show(recover()));
  helper();
}

static int deeper_calls(void) {
  defer_result int r = 1;
  defer {
    printf("outer block: %s\n", show(recover()));
    r = 2;
  }
  defer helper();     // runs after the recovery: nothing left to recover
  defer deeper();     // deeper's own recover works; helper's is too deep
  defer { helper(); } // a function the deferred block calls: too deep
  panic("deep");
}
// CHECK-NEXT: helper: nil
// CHECK-NEXT: deeper: deep
// CHECK-NEXT: helper: nil
// CHECK-NEXT: helper: nil
// CHECK-NEXT: outer block: nil
// CHECK-NEXT: deeper_calls returned 2

static int second_call(void) {
  defer_result int r = 0;
  defer {
    printf("first recover: %s\n", show(recover()));
    printf("second recover: %s\n", show(recover()));
    r += 10;
  }
  r = 5;
  panic("once");
}
// CHECK-NEXT: first recover: once
// CHECK-NEXT: second recover: nil
// CHECK-NEXT: second_call returned 15

int main(void) {
  not_panicking();
  via_call_form();
  printf("deeper_calls returned %d\n", deeper_calls());
  printf("second_call returned %d\n", second_call());
  return 0;
}
