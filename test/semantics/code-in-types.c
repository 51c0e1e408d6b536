// Code in the size of a variable-length array under a pointer (or in a
// cast, typeof or sizeof) is evaluated where the type is spelled, and is
// lowered as all other code is: a change it makes is seen by the defers'
// arguments, a return there runs the deferred code, and recover() there
// is the deferred code's own. The Go twin writes each size as a statement.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/code-in-types.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static void show(const char *what, int v) { printf("%s %d\n", what, v); }

// The argument is taken at the defer: n++ in a later type changes n after.
static void argument_before_size(int n) {
  defer show("argument_before_size: deferred n =", n);
  int (*p)[n++] = 0;
  (void)p;
  show("argument_before_size: body n =", n);
}
// CHECK:      argument_before_size: body n = 4
// CHECK-NEXT: argument_before_size: deferred n = 3

// A return inside a size leaves through the exit sequence.
static int return_in_size(int n) {
  defer show("return_in_size: deferred", n);
  void *q = (char (*)[({
              if (n > 1)
                return 5;
              n;
            })])0;
  (void)q;
  return 0;
}
// CHECK-NEXT: return_in_size: deferred 2
// CHECK-NEXT: return_in_size returned 5

// recover() in a size of deferred code recovers.
static void recover_in_size(int n) {
  defer {
    const char *r = NULL;
    int (*p)[(r = recover()) ? 1 : n] = 0;
    (void)p;
    printf("recover_in_size: recovered %s\n", r ? r : "nil");
  }
  panic("boom");
}
// CHECK-NEXT: recover_in_size: recovered boom

int main(void) {
  argument_before_size(3);
  printf("return_in_size returned %d\n", return_in_size(2));
  recover_in_size(1);
  return 0;
}
