// Arguments the lowering does not copy at the defer (pass/StableValues.h)
// still have, at exit, the value they had at the defer; every way a
// variable can change between the two makes the defer copy it: assignment,
// ++, a pointer to it, an asm output, a goto back over its declaration,
// deferred code that assigns it (directly or from a nested defer's block),
// and the return that sets the `defer_result` variable. Addresses and
// arrays are read at exit, so the pointee's later changes show. Both
// strategies, and a panic's unwinding copy, agree with Go.
// RUN: %run-modes %s > %t.c.out
// RUN: %go run %S/Inputs/unchanged-arguments.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>
#include <string.h>

static void show(const char *what, int v) { printf("%s %d\n", what, v); }
static void show_at(const char *what, const int *p) { printf("%s %d\n", what, *p); }
static void show_text(const char *what, const char *s) { printf("%s %s\n", what, s); }

static void read_only(int n) {
  defer show("read only", n);
  show("body", n);
}

static void assigned(int n) {
  defer show("assigned", n);
  n += 10;
}

static void incremented(int n) {
  defer show("incremented", n);
  n++;
}

static void through_pointer(int n) {
  int *p = &n;
  defer show("through pointer", n);
  *p = 99;
}

static void asm_output(int n) {
  defer show("asm output", n);
  __asm__("" : "=r"(n) : "0"(n + 5));
}

static void goto_back(void) {
  int i = 0;
again:;
  int x = i * 10;
  defer show("goto back", x);
  if (++i < 3)
    goto again;
}

static void deferred_code_assigns(int n) {
  defer show("deferred code assigns", n);
  defer { n = 7; }
}

static void nested_defer_assigns(int n) {
  defer show("nested defer assigns", n);
  defer {
    defer show("nested inner", 0);
    n = 9;
  }
}

static int result_variable(void) {
  defer_result int r = 0;
  defer show("result at defer", r);
  return 5;
}

static void address_read_at_exit(void) {
  int x = 1;
  defer show_at("address", &x);
  x = 5;
}

struct pair { int a, b; };
static void member_address(void) {
  struct pair p = {1, 2};
  defer show_at("member address", &p.b);
  p.b = 3;
}

static void array_read_at_exit(void) {
  char buf[8] = "old";
  defer show_text("array", buf);
  strcpy(buf, "new");
}

static void in_a_panic(int n) {
  defer show("in a panic", n);
  defer { recover(); }
  panic("boom");
}

// Defers that repeat go without slots under both strategies.
static void in_a_loop(int n) {
  for (int i = 0; i < 2; i++)
    defer show("in a loop", n);
  defer { recover(); }
  panic("boom");
}

static void changed_in_a_loop(int n) {
  for (int i = 0; i < 2; i++) {
    defer show("changed in a loop", n);
    n++;
  }
}

int main(void) {
  read_only(1);
  assigned(2);
  incremented(3);
  through_pointer(4);
  asm_output(5);
  goto_back();
  deferred_code_assigns(6);
  nested_defer_assigns(8);
  show("returned", result_variable());
  address_read_at_exit();
  member_address();
  array_read_at_exit();
  in_a_panic(10);
  in_a_loop(11);
  changed_in_a_loop(12);
  return 0;
}
// CHECK:      body 1
// CHECK-NEXT: read only 1
// CHECK-NEXT: assigned 2
// CHECK-NEXT: incremented 3
// CHECK-NEXT: through pointer 4
// CHECK-NEXT: asm output 5
// CHECK-NEXT: goto back 20
// CHECK-NEXT: goto back 10
// CHECK-NEXT: goto back 0
// CHECK-NEXT: deferred code assigns 6
// CHECK-NEXT: nested inner 0
// CHECK-NEXT: nested defer assigns 8
// CHECK-NEXT: result at defer 0
// CHECK-NEXT: returned 5
// CHECK-NEXT: address 5
// CHECK-NEXT: member address 3
// CHECK-NEXT: array new
// CHECK-NEXT: in a panic 10
// CHECK-NEXT: in a loop 11
// CHECK-NEXT: in a loop 11
// CHECK-NEXT: changed in a loop 13
// CHECK-NEXT: changed in a loop 12
