// A compound literal that a call-form defer passes by address (`&(T){...}`,
// an array literal, a member, an element, plus an offset) lives until the
// call, as Go's `defer f(&T{...})` keeps its value alive: where its storage
// would end before the call (an inner block, each loop iteration, each pass
// of a backward goto), the defer keeps a copy of its own. It was storage
// the block had left, where every call saw the last iteration's literal
// (ASan did not notice: clang marks no lifetime for compound literals).
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/inner-compound-literals.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

struct pt { int x, y; };

static void show(const char *tag, const struct pt *p) { printf("%s %d %d\n", tag, p->x, p->y); }
static void show_int(const char *tag, const int *p) { printf("%s %d\n", tag, *p); }
static void use(const char *tag, const int *a) { printf("%s %d %d %d\n", tag, a[0], a[1], a[2]); }
static void bump(struct pt *p) { p->x += 100; printf("bump %d %d\n", p->x, p->y); }

static void loop_struct(void) {
  for (int i = 0; i < 3; i++)
    defer show("loop_struct", &(struct pt){i, i * 2});
}

static void loop_array(void) {
  for (int i = 0; i < 3; i++)
    defer use("loop_array", (int[]){i, i + 1, i + 2});
}

static void loop_parts(void) {
  for (int i = 0; i < 3; i++) {
    int k = i % 2;
    defer show_int("member", &(struct pt){i, -i}.y);
    defer show_int("element", &(int[]){i, 10 * i}[1]);
    defer show_int("offset", (int[]){i, 5 * i, 7 * i} + k + 1);
  }
}

static void inner_block(int n) {
  {
    defer show("inner_block", &(const struct pt){n, n + 1});
  }
  int filler[16]; // may take the literal's place on the stack
  for (int j = 0; j < 16; j++)
    filler[j] = -1;
  (void)filler;
}

// Each deferred call gets its own object, which it may change.
static void each_own_copy(void) {
  for (int i = 0; i < 2; i++)
    defer bump(&(struct pt){i, i});
}

// The outermost block's literal is one object, evaluated again each pass.
static void outer_goto(void) {
  int n = 0;
again:
  defer show("outer_goto", &(struct pt){n, n});
  if (++n < 3)
    goto again;
}

int main(void) {
  loop_struct();
  loop_array();
  loop_parts();
  inner_block(7);
  each_own_copy();
  outer_goto();
  return 0;
}

// CHECK:      loop_struct 2 4
// CHECK-NEXT: loop_struct 1 2
// CHECK-NEXT: loop_struct 0 0
// CHECK-NEXT: loop_array 2 3 4
// CHECK-NEXT: loop_array 1 2 3
// CHECK-NEXT: loop_array 0 1 2
// CHECK-NEXT: offset 10
// CHECK-NEXT: element 20
// CHECK-NEXT: member -2
// CHECK-NEXT: offset 7
// CHECK-NEXT: element 10
// CHECK-NEXT: member -1
// CHECK-NEXT: offset 0
// CHECK-NEXT: element 0
// CHECK-NEXT: member 0
// CHECK-NEXT: inner_block 7 8
// CHECK-NEXT: bump 101 1
// CHECK-NEXT: bump 100 0
// CHECK-NEXT: outer_goto 2 2
// CHECK-NEXT: outer_goto 1 1
// CHECK-NEXT: outer_goto 0 0
