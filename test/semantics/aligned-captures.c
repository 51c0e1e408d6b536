// Captured values of any alignment arrive intact, and the deferred code sees
// them at their own alignment: long double, __int128, vector types and
// structs aligned to 16 and 64 bytes, captured in a loop (runtime records,
// laid end to end at 8-byte alignment) and by a deferred block. Go has no
// such types, so the expected output is written out here.
// RUN: %run-modes %s | FileCheck %s
// RUN: %run-modes %s -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %s
#include <cdefer.h>
#include <stdint.h>
#include <stdio.h>

typedef struct { _Alignas(16) int v[3]; } vec16;
typedef struct { _Alignas(64) int v[3]; } line64;
typedef int v4si __attribute__((vector_size(16)));

static int aligned(const void *p, uintptr_t to) {
  return (uintptr_t)p % to == 0;
}

static void show_ld(int i, long double x) { printf("ld %d %.3Lf\n", i, x); }
static void show_i128(int i, __int128 x) {
  printf("i128 %d %lld %lld\n", i, (long long)(x >> 64), (long long)x);
}
static void show_vec(int i, vec16 v) {
  printf("vec16 %d %d %d %d aligned %d\n", i, v.v[0], v.v[1], v.v[2],
         aligned(&v, 16));
}
static void show_v4(int i, v4si v) { printf("v4si %d %d %d\n", i, v[0], v[3]); }
static void show_line(int i, line64 l) {
  printf("line64 %d %d %d aligned %d\n", i, l.v[0], l.v[2], aligned(&l, 64));
}

static void loop(int n) {
  for (int i = 0; i < n; i++) {
    char c = (char)i; // a small capture first, so records are not 16-aligned
    defer show_ld(c, 1.5L * i);
    defer show_i128(i, ((__int128)i << 64) | 7);
    vec16 v = {{i, i + 1, i + 2}};
    defer show_vec(i, v);
    v4si w = {i, 0, 0, -i};
    defer show_v4(i, w);
    line64 l = {{i, 0, -i}};
    defer show_line(i, l);
    defer {
      printf("block %d %d aligned %d %d\n", l.v[0], v.v[2], aligned(&l, 64),
             aligned(&v, 16));
    }
  }
}

// Alignment declared on a variable (_Alignas, aligned) rather than its
// type goes with it when deferred code keeps it past its block.
static void declared(int n) {
  for (int i = 0; i < n; i++) {
    char before = (char)i; // so that nothing is 64-aligned by chance
    _Alignas(64) char c = (char)('a' + i);
    __attribute__((aligned(32))) int v = i;
    defer {
      printf("declared %c %d %d aligned %d %d\n", c, v, before,
             aligned(&c, 64), aligned(&v, 32));
    }
    printf("declared in body aligned %d %d\n", aligned(&c, 64),
           aligned(&v, 32));
  }
}

int main(void) {
  loop(2);
  declared(2);
  return 0;
}
// CHECK:      block 1 3 aligned 1 1
// CHECK-NEXT: line64 1 1 -1 aligned 1
// CHECK-NEXT: v4si 1 1 -1
// CHECK-NEXT: vec16 1 1 2 3 aligned 1
// CHECK-NEXT: i128 1 1 7
// CHECK-NEXT: ld 1 1.500
// CHECK-NEXT: block 0 2 aligned 1 1
// CHECK-NEXT: line64 0 0 0 aligned 1
// CHECK-NEXT: v4si 0 0 0
// CHECK-NEXT: vec16 0 0 1 2 aligned 1
// CHECK-NEXT: i128 0 0 7
// CHECK-NEXT: ld 0 0.000
// CHECK-NEXT: declared in body aligned 1 1
// CHECK-NEXT: declared in body aligned 1 1
// CHECK-NEXT: declared b 1 1 aligned 1 1
// CHECK-NEXT: declared a 0 0 aligned 1 1
