// A variable that deferred code names moves when the defer runs, and the
// rest of its block uses the moved instance: in the sizes of variably
// modified types too, wherever the type is spelled (under a pointer, in a
// cast, in typeof, in a function's result, under _Atomic). Only an
// outermost array's size was redirected, and
// `int (*p)[n]` kept reading the old n (sizeof gave 12, not 200). A typedef
// keeps the size it had where it was declared, as in plain C.
// UBSan's -fsanitize=function tells function types apart by a hash, which
// differs between int (*(void))[50] and the compatible int (*(void))[n].
// RUN: %run-modes %s -fno-sanitize=function | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static int store[100];
static int (*get(void))[50] { return (int (*)[50])store; }

int main(void) {
  for (int i = 0; i < 1; i++) {
    int n = 3;
    defer { printf("deferred n=%d\n", n); }
    n = 50;
    int (*p)[n] = 0;
    char buf[1];
    printf("pointer %zu\n", sizeof(*p));
    printf("cast %zu\n", sizeof(*(int (*)[n])buf));
    printf("typeof %zu\n", sizeof(__typeof__(int[n])));
    printf("compound literal %zu\n", sizeof((int (*)[n]){0}[0]));
    int (*(*fp)(void))[n] = get;
    printf("function result %zu\n", sizeof *fp());
    _Atomic(int (*)[n]) ap = 0;
    printf("atomic %zu\n", sizeof *ap);
    __typeof__(*(int (*)[n])0) *tp = 0;
    printf("typeof expression %zu\n", sizeof *tp);
    typedef int T[n];
    n = 7;
    printf("typedef %zu\n", sizeof(T));
    (void)p;
  }
  return 0;
}
// CHECK:      pointer 200
// CHECK-NEXT: cast 200
// CHECK-NEXT: typeof 200
// CHECK-NEXT: compound literal 200
// CHECK-NEXT: function result 200
// CHECK-NEXT: atomic 200
// CHECK-NEXT: typeof expression 200
// CHECK-NEXT: typedef 200
// CHECK-NEXT: deferred n=7
