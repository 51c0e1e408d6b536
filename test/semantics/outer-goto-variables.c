// A variable of the function's outermost block whose declaration a backward
// goto runs again is a new variable each time, for deferred code as in Go:
// each pass's defers keep that pass's instance (they all saw the last
// pass's value, the one variable, under both strategies), by block or by
// address; a variable declared before the label stays one.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/outer-goto-variables.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdbool.h>
#include <stdio.h>

static void show_int(const char *tag, int *p) { printf("%s %d\n", tag, *p); }
static void show_pair(const char *tag, int *p) { printf("%s %d %d\n", tag, p[0], p[1]); }

static void block_form(void) {
  int n = 0;
again:;
  int v = n * 3;
  defer { printf("block_form v %d\n", v); }
  if (++n < 3)
    goto again;
}

static void shared_in_pass(void) {
  int n = 0;
again:;
  int v = n;
  defer { printf("shared_in_pass first %d\n", v); }
  v += 10;
  defer { printf("shared_in_pass second %d\n", v); }
  v += 100;
  if (++n < 2)
    goto again;
}

static void call_form(void) {
  int n = 0;
again:;
  int v = n * 10;
  int buf[2] = {n, -n};
  defer show_int("call_form", &v);
  defer show_pair("call_form buf", buf);
  v++;
  buf[1]--;
  if (++n < 3)
    goto again;
}

static void declared_before_label(void) {
  int total = 0;
  int n = 0;
again:
  total += n;
  defer { printf("declared_before_label %d\n", total); }
  if (++n < 3)
    goto again;
}

// Forward jumps only: every declaration runs at most once per call.
static void forward_only(bool skip) {
  int v = 1;
  if (skip)
    goto done;
  v = 2;
done:;
  int w = v * 5;
  defer { printf("forward_only v %d w %d\n", v, w); }
  w++;
}

int main(void) {
  block_form();
  shared_in_pass();
  call_form();
  declared_before_label();
  forward_only(true);
  forward_only(false);
  return 0;
}

// CHECK:      block_form v 6
// CHECK-NEXT: block_form v 3
// CHECK-NEXT: block_form v 0
// CHECK-NEXT: shared_in_pass second 111
// CHECK-NEXT: shared_in_pass first 111
// CHECK-NEXT: shared_in_pass second 110
// CHECK-NEXT: shared_in_pass first 110
// CHECK-NEXT: call_form buf 2 -3
// CHECK-NEXT: call_form 21
// CHECK-NEXT: call_form buf 1 -2
// CHECK-NEXT: call_form 11
// CHECK-NEXT: call_form buf 0 -1
// CHECK-NEXT: call_form 1
// CHECK-NEXT: declared_before_label 3
// CHECK-NEXT: declared_before_label 3
// CHECK-NEXT: declared_before_label 3
// CHECK-NEXT: forward_only v 1 w 6
// CHECK-NEXT: forward_only v 2 w 11
