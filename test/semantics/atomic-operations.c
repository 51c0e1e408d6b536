// <stdatomic.h>'s generic functions deferred (`defer atomic_store(&f, v);`)
// take their operands at the defer, as a call does, and as Go's
// `defer atomic.StoreInt32(&f, v)` does: they are atomic operations in
// clang, not calls, and the whole operation ran at exit, storing the value
// v had then.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/atomic-operations.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdatomic.h>
#include <stdio.h>

static _Atomic int flag;
static _Atomic long total;

static void store(void) {
  int v = 1;
  defer atomic_store(&flag, v);
  v = 2;
}

static void add_each(int n) {
  for (int i = 1; i <= n; i++)
    defer atomic_fetch_add(&total, i * 10);
}

static void swap_later(void) {
  int next = 7;
  defer atomic_exchange_explicit(&flag, next, memory_order_relaxed);
  next = 8;
  printf("before the exchange %d\n", atomic_load(&flag));
}

// CHECK: stored 1
// CHECK-NEXT: total 60
// CHECK-NEXT: before the exchange 1
// CHECK-NEXT: exchanged 7
int main(void) {
  store();
  printf("stored %d\n", atomic_load(&flag));
  add_each(3);
  printf("total %ld\n", atomic_load(&total));
  swap_later();
  printf("exchanged %d\n", atomic_load(&flag));
  return 0;
}
