// An array of an inner block (a loop body's, an inner block's, a case
// block's, a for declaration's) that deferred code names, or whose address
// a call-form defer passes (`buf`, `&buf`, `&buf[k]`, `buf + k`), lives on
// like any inner variable, as Go's arrays do: each loop iteration's defers
// get that iteration's array, with what the rest of the block wrote in it,
// never storage the block has left (that was stack-use-after-scope, every
// iteration's call saw the last one's text, and deferred blocks naming an
// array were an error).
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/inner-arrays.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdint.h>
#include <stdio.h>

struct point { int x, y; };

static void show(const char *tag, const char *s) { printf("%s %s\n", tag, s); }
static void show_whole(const char (*buf)[16]) { printf("whole %s\n", *buf); }
static void show_int(const char *tag, const int *p) { printf("%s %d\n", tag, *p); }
static void show_point(const struct point *p) { printf("point %d %d\n", p->x, p->y); }

static void loop_calls(void) {
  for (int i = 0; i < 3; i++) {
    char buf[16];
    snprintf(buf, sizeof buf, "iter %d", i);
    defer puts(buf);
    defer show("first", &buf[0]);
    defer show("plus", buf + 1);
    defer show_whole(&buf);
    int k = i;
    defer show("index", &buf[k]); // the k of the defer
    k = 0;
    buf[4] = '-'; // seen by every call of this iteration
  }
}

static void loop_block(void) {
  for (int i = 0; i < 3; i++) {
    int squares[4] = {i, i * i};
    defer {
      printf("block %d %d %zu\n", squares[0], squares[1], sizeof squares);
    }
    defer { squares[1] += 100; } // runs first: the same array
    squares[0] += 10;
  }
}

static void nested_elements(void) {
  for (int i = 0; i < 2; i++) {
    int grid[2][3] = {{0}};
    struct point pts[2] = {{i, i}, {i + 1, i + 2}};
    int row = 1, col = i + 1;
    defer show_int("grid", &grid[row][col]);
    defer show_point(&pts[row]);
    defer show_int("member", &pts[0].y);
    grid[1][i + 1] = 50 + i;
    pts[1].x *= 10;
    pts[0].y = -i;
  }
}

static void aligned(void) {
  for (int i = 0; i < 2; i++) {
    _Alignas(64) char bytes[24] = "aligned";
    defer {
      printf("%s %d %d\n", bytes, i, (int)((uintptr_t)bytes % 64));
    }
    bytes[0] = 'A';
  }
}

static void for_array(void) {
  for (int n[2] = {0, 5}; n[0] < 3; n[0]++)
    defer show_int("for_array", &n[0]);
}

static void const_array(void) {
  for (int i = 0; i < 2; i++) {
    const char name[] = "constant";
    defer show("const", name + i);
  }
}

static void inner_block(void) {
  {
    char word[8] = "inner";
    defer show("inner_block", word);
    word[0] = 'I';
  }
  printf("inner_block body\n");
}

static void switch_case(int k) {
  switch (k) {
  case 1: {
    char word[8] = "case";
    defer { show("switch_case", word); }
    word[0] = 'C';
    break;
  }
  default:
    break;
  }
}

static void panicking(void) {
  for (int i = 0; i < 2; i++) {
    char word[8] = "panic0";
    word[5] = (char)('0' + i);
    defer show("panicking", word);
    if (i == 1)
      panic("boom");
  }
}

static void recovering(void) {
  defer { printf("recovered %s\n", (char *)recover()); }
  panicking();
}

int main(void) {
  loop_calls();
  loop_block();
  nested_elements();
  aligned();
  for_array();
  const_array();
  inner_block();
  switch_case(1);
  recovering();
  return 0;
}

// CHECK:      index er-2
// CHECK-NEXT: whole iter-2
// CHECK-NEXT: plus ter-2
// CHECK-NEXT: first iter-2
// CHECK-NEXT: iter-2
// CHECK-NEXT: index ter-1
// CHECK-NEXT: whole iter-1
// CHECK-NEXT: plus ter-1
// CHECK-NEXT: first iter-1
// CHECK-NEXT: iter-1
// CHECK-NEXT: index iter-0
// CHECK-NEXT: whole iter-0
// CHECK-NEXT: plus ter-0
// CHECK-NEXT: first iter-0
// CHECK-NEXT: iter-0
// CHECK-NEXT: block 12 104 16
// CHECK-NEXT: block 11 101 16
// CHECK-NEXT: block 10 100 16
// CHECK-NEXT: member -1
// CHECK-NEXT: point 20 3
// CHECK-NEXT: grid 51
// CHECK-NEXT: member 0
// CHECK-NEXT: point 10 2
// CHECK-NEXT: grid 50
// CHECK-NEXT: Aligned 1 0
// CHECK-NEXT: Aligned 0 0
// CHECK-NEXT: for_array 2
// CHECK-NEXT: for_array 1
// CHECK-NEXT: for_array 0
// CHECK-NEXT: const onstant
// CHECK-NEXT: const constant
// CHECK-NEXT: inner_block body
// CHECK-NEXT: inner_block Inner
// CHECK-NEXT: switch_case Case
// CHECK-NEXT: panicking panic1
// CHECK-NEXT: panicking panic0
// CHECK-NEXT: recovered boom
