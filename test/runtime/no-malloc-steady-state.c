// A function that defers in a loop and returns, called over and over, calls
// malloc only while warming up: records come back to the thread's cache.
// RUN: %run-modes %s | FileCheck %s
// CHECK: warm-up mallocs: {{[1-9][0-9]*}}
// CHECK: steady-state mallocs: 0
// CHECK: big captures: mallocs 1000, frees 1000
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

// Counts every allocation this program makes, the runtime's included (it is
// linked statically, so its malloc is this one).
extern void *__libc_malloc(size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);
static long mallocs, frees;
void *malloc(size_t n) { mallocs++; return __libc_malloc(n); }
void *aligned_alloc(size_t a, size_t n) { mallocs++; return __libc_memalign(a, n); }
void free(void *p) { if (p) frees++; __libc_free(p); }

static long sink;
static void take(long a, long b, long c) { sink += a + b + c; }

static void ten_in_a_loop(void) {
  for (long i = 0; i < 10; i++)
    defer take(i, i + 1, i + 2);
}

struct big { char bytes[512]; };
static void take_big(struct big b) { sink += b.bytes[0]; }
static void big_in_a_loop(void) {
  struct big b = {{1}};
  for (int i = 0; i < 10; i++)
    defer take_big(b);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0); // stdio must not allocate mid-count
  mallocs = 0;
  for (int i = 0; i < 100; i++)
    ten_in_a_loop();
  printf("warm-up mallocs: %ld\n", mallocs);
  mallocs = 0;
  for (int i = 0; i < 100000; i++)
    ten_in_a_loop();
  printf("steady-state mallocs: %ld\n", mallocs);
  mallocs = frees = 0;
  for (int i = 0; i < 100; i++)
    big_in_a_loop();
  printf("big captures: mallocs %ld, frees %ld\n", mallocs, frees);
  return sink == 0;
}
