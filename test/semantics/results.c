// `return e;` evaluates e before any deferred statement runs. With a
// `defer_result` variable, deferred code reads and changes the result the
// function returns (Go's named results); without one it cannot.
// RUN: %run-modes %s -std=gnu2x -Wall -Werror > %t.c.out
// RUN: %go run %S/Inputs/results.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static int compute(int v) {
  printf("evaluating return value\n");
  return v;
}

static int evaluated_first(void) {
  defer printf("deferred runs\n");
  return compute(5);
}
// CHECK:      evaluating return value
// CHECK-NEXT: deferred runs
// CHECK-NEXT: evaluated_first = 5

static int named(void) {
  defer_result int result = 0;
  defer { result *= 7; }
  return 6;
}
// CHECK-NEXT: named = 42

static int unnamed(void) {
  int result = 6;
  defer { result *= 7; }
  return result;
}
// CHECK-NEXT: unnamed = 6

static int named_reads(int fail) {
  defer_result int err = 0;
  defer {
    if (err)
      printf("cleanup after error %d\n", err);
  }
  if (fail)
    return -fail;
  return 0;
}
// CHECK-NEXT: cleanup after error -3
// CHECK-NEXT: named_reads = -3
// CHECK-NEXT: named_reads = 0

struct big { long a, b, c, d; };

static struct big named_struct(void) {
  defer_result struct big r = {0, 0, 0, 0};
  defer { r.d = r.a + r.b + r.c; }
  struct big v = {1, 2, 3, 0};
  return v;
}
// CHECK-NEXT: named_struct = 1 2 3 6

static struct big unnamed_struct(void) {
  struct big v = {1, 2, 3, 4};
  defer { v.a = 100; }
  return v;
}
// CHECK-NEXT: unnamed_struct = 1 2 3 4

// The `defer_result` variable is the function's result from its entry, as
// Go's named result is, zero until it is assigned: a `return` before its
// declaration returns its value (the store came before the variable's
// lifetime, and the function returned garbage), a panic recovered before
// it returns zero, and one declared without an initializer starts at zero.
static int returns_before(int early) {
  if (early)
    return 1;
  defer_result int r = 10;
  defer { r++; }
  return 2;
}
// CHECK-NEXT: returns_before = 1 3

static struct big returns_before_struct(int early) {
  if (early)
    return (struct big){5, 6, 7, 8};
  struct big first = {1, 0, 0, 0}, defer_result r = {first.a, 2, 3, 4},
             last = r;
  defer { r.a *= 10; }
  last.d = 40;
  return last;
}
// CHECK-NEXT: returns_before_struct = 5 6 7 8, 10 2 3 40

__attribute__((noinline)) static void maybe_panic(int p) {
  if (p)
    panic("before the result");
}

__attribute__((noinline)) static int recovered_before(int p) {
  defer { recover(); }
  maybe_panic(p);
  defer_result int r = 7;
  defer { r++; }
  return 40;
}
// CHECK-NEXT: recovered_before = 0 41

static int starts_at_zero(void) {
  defer_result int r;
  defer { r += 2; }
  if (r == 0)
    printf("starts at zero\n");
  return 40;
}
// CHECK-NEXT: starts at zero
// CHECK-NEXT: starts_at_zero = 42

// Zero without any defer too (the function is never lowered), and never
// "uninitialized" to Sema's warnings (-Werror builds failed).
__attribute__((noinline)) static int no_defers(int k) {
  defer_result int r;
  r += k;
  return r;
}

__attribute__((noinline)) static void scribble(void) {
  volatile int junk[64];
  for (int i = 0; i < 64; i++)
    junk[i] = 1000 + i;
}
// CHECK-NEXT: no_defers = 3

// C23: a labeled declaration of the result, jumped to.
__attribute__((noinline)) static int labeled(int k) {
  defer { (void)0; }
  if (k)
    goto again;
again: int defer_result r = 5;
  return r;
}
// CHECK-NEXT: labeled = 5 5

int main(void) {
  printf("evaluated_first = %d\n", evaluated_first());
  printf("named = %d\n", named());
  printf("unnamed = %d\n", unnamed());
  printf("named_reads = %d\n", named_reads(3));
  printf("named_reads = %d\n", named_reads(0));
  struct big b = named_struct();
  printf("named_struct = %ld %ld %ld %ld\n", b.a, b.b, b.c, b.d);
  b = unnamed_struct();
  printf("unnamed_struct = %ld %ld %ld %ld\n", b.a, b.b, b.c, b.d);
  printf("returns_before = %d %d\n", returns_before(1), returns_before(0));
  struct big e = returns_before_struct(1), l = returns_before_struct(0);
  printf("returns_before_struct = %ld %ld %ld %ld, %ld %ld %ld %ld\n", e.a,
         e.b, e.c, e.d, l.a, l.b, l.c, l.d);
  printf("recovered_before = %d %d\n", recovered_before(1),
         recovered_before(0));
  printf("starts_at_zero = %d\n", starts_at_zero());
  scribble();
  printf("no_defers = %d\n", no_defers(3));
  printf("labeled = %d %d\n", labeled(1), labeled(0));
  return 0;
}
