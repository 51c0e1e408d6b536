// A `return` that is the whole body of a loop an OpenMP loop transformation
// makes ran without the function's deferred code: clang compiles the loops
// the directive makes, which are not among the AST's children and shared
// the original return. Under both strategies.
// RUN: %cdefer -fopenmp -c %s -o %t.o
// RUN: %clang %t.o %runtime -o %t && %t | FileCheck %s
// RUN: %cdefer -fopenmp -O2 -fplugin-arg-cdefer-strategy=runtime -c %s -o %t.rt.o
// RUN: %clang %t.rt.o %runtime -o %t.rt && %t.rt | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static int tiled(int n) {
  defer puts("tiled: deferred");
#pragma omp tile sizes(2)
  for (int i = 0; i < 4; i++)
    return i + n;
  return -1;
}

static int reversed(int n) {
  defer puts("reversed: deferred");
#pragma omp reverse
  for (int i = 0; i < 4; i++)
    if (i == n)
      return i;
  return -1;
}

// A partial unroll that no other directive takes is the loop itself: its
// defers run as in any loop.
static void unrolled(int n) {
#pragma omp unroll partial(2)
  for (int i = 0; i < n; i++)
    defer printf("unrolled: deferred %d\n", i);
  puts("unrolled: body");
}

int main(void) {
  printf("%d\n", tiled(5));
  printf("%d\n", reversed(2));
  unrolled(3);
  return 0;
}
// CHECK:      tiled: deferred
// CHECK-NEXT: 5
// CHECK-NEXT: reversed: deferred
// CHECK-NEXT: 2
// CHECK-NEXT: unrolled: body
// CHECK-NEXT: unrolled: deferred 2
// CHECK-NEXT: unrolled: deferred 1
// CHECK-NEXT: unrolled: deferred 0
