// A function that defers in a loop and returns, called over and over, calls
// malloc only while warming up: its records fit in its stack buffer (never
// malloc, not even the first time), or in chunks that come back to the
// thread's cache when it returns. Only a record
// too big for any chunk has memory of its own, freed when it has run.
// RUN: %run-modes %s | FileCheck %s
// CHECK: warm-up mallocs: 0
// CHECK: steady-state mallocs: 0
// CHECK: big captures: warm-up mallocs {{[1-9][0-9]*}}
// CHECK: big captures: steady-state mallocs 0
// CHECK: huge captures: mallocs 30, frees 30
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

// Too big for the stack buffer: these go to chunks.
struct big { char bytes[512]; };
static void take_big(struct big b) { sink += b.bytes[0]; }
static void big_in_a_loop(void) {
  struct big b = {{1}};
  for (int i = 0; i < 10; i++) {
    b.bytes[1] = (char)i; // changes b: each defer keeps a copy
    defer take_big(b);
  }
}

// Too big for the largest chunk (64 KiB).
struct huge { char bytes[100 * 1024]; };
static struct huge h = {{1}};
static void take_huge(const struct huge *p, struct huge copy) {
  sink += copy.bytes[0] - p->bytes[0];
}
static void huge_in_a_loop(void) {
  for (int i = 0; i < 3; i++)
    defer take_huge(&h, h);
}

// The allocations `calls` calls of fn make.
static long mallocs_in(void (*fn)(void), int calls) {
  mallocs = 0;
  for (int i = 0; i < calls; i++)
    fn();
  return mallocs;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0); // stdio must not allocate mid-count
  printf("warm-up mallocs: %ld\n", mallocs_in(ten_in_a_loop, 100));
  printf("steady-state mallocs: %ld\n", mallocs_in(ten_in_a_loop, 100000));
  printf("big captures: warm-up mallocs %ld\n", mallocs_in(big_in_a_loop, 10));
  printf("big captures: steady-state mallocs %ld\n",
         mallocs_in(big_in_a_loop, 10000));
  frees = 0;
  long huge = mallocs_in(huge_in_a_loop, 10);
  printf("huge captures: mallocs %ld, frees %ld\n", huge, frees);
  return sink == 0;
}
