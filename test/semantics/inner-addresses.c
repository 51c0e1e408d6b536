// A call-form defer whose argument is the address of an inner-block
// variable (`&v`, `&v.member`, a member array) keeps that variable alive for
// the call, as Go's `defer f(&v)` does: each loop iteration's call gets its
// own instance, which the rest of the block goes on changing, never storage
// the block has left (that was stack-use-after-scope, and every iteration's
// call saw the last one's value).
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/inner-addresses.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

struct counter { int n; char name[8]; struct { int hits; } stats; };

static void show_int(const char *tag, int *p) { printf("%s %d\n", tag, *p); }
static void show_counter(const char *tag, struct counter *c) {
  printf("%s %s n=%d hits=%d\n", tag, c->name, c->n, c->stats.hits);
}
static void show_name(const char *tag, const char *name) { printf("%s %s\n", tag, name); }
static void show_hits(int *hits, int extra) { printf("hits %d extra %d\n", *hits, extra); }
static void show_bytes(void *p) { printf("bytes %d\n", *(unsigned char *)p); }

static void loop_scalar(void) {
  for (int i = 0; i < 3; i++) {
    int v = i * 10;
    defer show_int("loop_scalar", &v);
    v++;
  }
}

static void loop_struct(void) {
  for (int i = 0; i < 3; i++) {
    struct counter c = {i, "c", {0}};
    c.name[1] = (char)('0' + i);
    c.name[2] = 0;
    defer show_counter("loop_struct", &c);
    defer show_name("name", c.name);
    defer show_hits(&c.stats.hits, i);
    defer show_bytes((void *)&(c));
    c.stats.hits = i * 100;
    defer { c.n += 1000; }
  }
}

static void loop_variable(void) {
  for (int i = 0; i < 3; i++)
    defer show_int("loop_variable", &i);
}

static void inner_block(void) {
  {
    int w = 5;
    defer show_int("inner_block", &w);
    w = 6;
  }
  printf("inner_block body\n");
}

static void switch_case(int k) {
  switch (k) {
  case 1: {
    int x = k * 7;
    defer show_int("switch_case", &x);
    x++;
    break;
  }
  default:
    break;
  }
}

static void panicking(void) {
  for (int i = 0; i < 2; i++) {
    int v = i + 40;
    defer show_int("panicking", &v);
    v += 2;
    if (i == 1)
      panic("boom");
  }
}

static void recovering(void) {
  defer { printf("recovered %s\n", (char *)recover()); }
  panicking();
}

static void in_deferred_block(void) {
  defer {
    for (int i = 0; i < 2; i++) {
      int v = i + 70;
      defer show_int("in_deferred_block", &v);
      v += 5;
    }
  }
}

int main(void) {
  loop_scalar();
  loop_struct();
  loop_variable();
  inner_block();
  switch_case(1);
  recovering();
  in_deferred_block();
  return 0;
}

// CHECK:      loop_scalar 21
// CHECK-NEXT: loop_scalar 11
// CHECK-NEXT: loop_scalar 1
// CHECK-NEXT: bytes 234
// CHECK-NEXT: hits 200 extra 2
// CHECK-NEXT: name c2
// CHECK-NEXT: loop_struct c2 n=1002 hits=200
// CHECK-NEXT: bytes 233
// CHECK-NEXT: hits 100 extra 1
// CHECK-NEXT: name c1
// CHECK-NEXT: loop_struct c1 n=1001 hits=100
// CHECK-NEXT: bytes 232
// CHECK-NEXT: hits 0 extra 0
// CHECK-NEXT: name c0
// CHECK-NEXT: loop_struct c0 n=1000 hits=0
// CHECK-NEXT: loop_variable 2
// CHECK-NEXT: loop_variable 1
// CHECK-NEXT: loop_variable 0
// CHECK-NEXT: inner_block body
// CHECK-NEXT: inner_block 6
// CHECK-NEXT: switch_case 8
// CHECK-NEXT: panicking 43
// CHECK-NEXT: panicking 42
// CHECK-NEXT: recovered boom
// CHECK-NEXT: in_deferred_block 76
// CHECK-NEXT: in_deferred_block 75
