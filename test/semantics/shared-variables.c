// A variable of an inner block that deferred code names lives until that
// deferred code has run, and the block reads and writes that same variable:
// deferred code sees the value it had when its block ended, as a Go closure
// sees the variable it shares. Each execution of the block (each loop
// iteration) has its own; two defers of one execution share it. Variables
// no deferred code names are left alone.
// RUN: %run-modes %s -fblocks > %t.c.out
// RUN: %go-oracle %S/Inputs/shared-variables.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The pattern docs/migrating.md recommends, in a case block: the deferred
// free sees the pointer malloc returned after the defer (it used to free
// NULL and leak).
static void case_block(int k) {
  switch (k) {
  case 1: {
    char *p = NULL;
    defer {
      printf("case_block: frees \"%s\"\n", p ? p : "(null)");
      free(p);
    }
    p = malloc(6);
    strcpy(p, "hello");
    break;
  }
  }
  printf("case_block: body done\n");
}
// CHECK:      case_block: body done
// CHECK-NEXT: case_block: frees "hello"

// In a loop body: one variable per iteration, each set after its defer. The
// loop's own variable is one per iteration too (Go 1.22's rule; the Go twin,
// for Go 1.19, copies it), and an iteration's defer sees the value it had at
// the end of its iteration, before the increment.
static void loop_body(void) {
  for (int i = 0; i < 3; i += 2, i--) {
    int v = -1;
    defer printf("loop_body: argument at the defer %d\n", v);
    defer { printf("loop_body: iteration %d ended with %d\n", i, v); }
    v = i * 10;
    v++;
  }
}
// CHECK-NEXT: loop_body: iteration 2 ended with 21
// CHECK-NEXT: loop_body: argument at the defer -1
// CHECK-NEXT: loop_body: iteration 1 ended with 11
// CHECK-NEXT: loop_body: argument at the defer -1
// CHECK-NEXT: loop_body: iteration 0 ended with 1
// CHECK-NEXT: loop_body: argument at the defer -1

// Nested blocks; a change through a pointer taken after the defer; two
// defers sharing one variable; a later call-form defer's argument reads it.
static void nested(void) {
  {
    int count = 1;
    defer { printf("nested: first sees %d\n", count); }
    {
      int *p = &count;
      *p += 10;
    }
    defer {
      count *= 2;
      printf("nested: second doubles to %d\n", count);
    }
    count += 100;
    defer printf("nested: argument %d\n", count);
  }
}
// CHECK-NEXT: nested: argument 111
// CHECK-NEXT: nested: second doubles to 222
// CHECK-NEXT: nested: first sees 222

// A variable used by the deferred code only inside a block literal. The
// literals never leave the stack, so the one symbol of the blocks runtime
// they need is defined here.
void *_NSConcreteStackBlock[32];
static void block_literal(void) {
  {
    int n = 1;
    defer {
      void (^show)(void) = ^{ printf("block_literal: %d\n", n); };
      show();
    }
    n = 2;
    int (^peek)(void) = ^{ return n; };
    n = 3;
    printf("block_literal: a literal made in the body saw %d\n", peek());
  }
}
// CHECK-NEXT: block_literal: a literal made in the body saw 2
// CHECK-NEXT: block_literal: 3

// A struct whose initializer takes its own address: that is the block's
// own instance, before any defer moved it.
struct node { struct node *self; int value; };
static void self_reference(void) {
  {
    struct node n = {&n, 1};
    n.self->value = 2;
    defer { printf("self_reference: %d\n", n.value); }
    n.value++;
  }
}
// CHECK-NEXT: self_reference: 3

int main(void) {
  case_block(1);
  loop_body();
  nested();
  block_literal();
  self_reference();
  return 0;
}
