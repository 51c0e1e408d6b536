// A C23 constexpr variable of an inner block that deferred code names stays
// a constant everywhere: in case labels and case ranges, in a static's
// initializer, for __builtin_constant_p, and in the deferred code at exit
// (it has no value to keep alive; moving it broke all of these, and crashed
// clang on a case label).
// RUN: %run-modes %s -std=c23 | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static void labels(int x) {
  {
    constexpr int N = 4;
    defer { printf("labels: deferred %d\n", N); }
    switch (x) {
    case N:
      printf("labels: case %d\n", N);
      break;
    case N + 1 ... N + 3:
      printf("labels: range\n");
      break;
    }
    static int kept = N * 10;
    printf("labels: static %d, constant %d\n", kept,
           __builtin_constant_p(N));
  }
}
// CHECK:      labels: case 4
// CHECK-NEXT: labels: static 40, constant 1
// CHECK-NEXT: labels: deferred 4
// CHECK-NEXT: labels: range
// CHECK-NEXT: labels: static 40, constant 1
// CHECK-NEXT: labels: deferred 4

static void in_loop(void) {
  for (int i = 0; i < 2; i++) {
    constexpr double Scale = 2.5;
    int v = i;
    defer { printf("in_loop: %g\n", v * Scale); }
    v += 1;
  }
}
// CHECK-NEXT: in_loop: 5
// CHECK-NEXT: in_loop: 2.5

// Its address is of storage, which must live until the deferred code has
// run: taken there, it is kept like any variable (it was read after its
// block had ended and its stack was reused).
__attribute__((noinline)) static void show(const int *p) {
  printf("address: %d\n", *p);
}
__attribute__((noinline)) static void scribble(void) {
  volatile int a[64];
  for (int i = 0; i < 64; i++)
    a[i] = -1;
}
static void address(void) {
  {
    constexpr int J = 7;
    defer { show(&J); }
  }
  scribble();
}
// CHECK-NEXT: address: 7

// Its address, taken by deferred code or by a deferred block with defers of
// its own (a function of its own, which reaches the variables it names by
// address), moves it; its reads are still the constant. Through the moved
// instance, a case label crashed clang, a static's initializer was refused
// and __builtin_constant_p said 0.
static void moved(int x) {
  {
    constexpr int M = 3;
    defer { show(&M); }
    defer {
      defer printf("moved: inner %d\n", M);
      printf("moved: outlined %d\n", M);
    }
    switch (x) {
    case M:
      printf("moved: case %d\n", M);
      break;
    case M + 1 ... M + 2:
      printf("moved: range\n");
      break;
    }
    static int kept = M * 10;
    printf("moved: static %d, constant %d\n", kept, __builtin_constant_p(M));
  }
}
// CHECK-NEXT: moved: case 3
// CHECK-NEXT: moved: static 30, constant 1
// CHECK-NEXT: moved: outlined 3
// CHECK-NEXT: moved: inner 3
// CHECK-NEXT: address: 3
// CHECK-NEXT: moved: range
// CHECK-NEXT: moved: static 30, constant 1
// CHECK-NEXT: moved: outlined 3
// CHECK-NEXT: moved: inner 3
// CHECK-NEXT: address: 3

int main(void) {
  labels(4);
  labels(6);
  in_loop();
  address();
  moved(3);
  moved(5);
  return 0;
}
