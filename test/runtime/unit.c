// Unit tests of the runtime's record interface, called directly the way the
// plugin's output calls it: LIFO per frame, frames independent, records of
// every size intact and aligned, the stack buffer first, then chunks that
// grow, big records on their own, chunks reused through the thread's cache,
// a burst's memory given back to malloc, and half a cache moved between a
// thread's cache and the pool per lock.
// RUN: %clang -O1 -I%S/../../runtime/src -I%include %s %runtime -o %t
// RUN: %t | FileCheck %s
// CHECK: unit: {{[0-9]+}} passed, 0 failed
#define _GNU_SOURCE /* RTLD_NEXT */
#include "internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// Counts the runtime's allocations (it is linked statically).
extern void *__libc_malloc(size_t);
extern void __libc_free(void *);
static long mallocs, frees;
void *malloc(size_t n) { mallocs++; return __libc_malloc(n); }
void free(void *p) { if (p) frees++; __libc_free(p); }

// Counts the pool's lock taking (the runtime calls pthread_mutex_lock).
static long locks;
int pthread_mutex_lock(pthread_mutex_t *m) {
  static int (*real)(pthread_mutex_t *);
  if (!real)
    real = (int (*)(pthread_mutex_t *))dlsym(RTLD_NEXT, "pthread_mutex_lock");
  locks++;
  return real(m);
}

static int passed, failed;
#define EXPECT(cond)                                                         \
  do {                                                                       \
    if (cond)                                                                \
      passed++;                                                              \
    else {                                                                   \
      failed++;                                                              \
      fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond);    \
    }                                                                        \
  } while (0)

// A frame as the plugin starts it, with a stack buffer of `bytes`.
struct test_frame {
  struct __cdefer_frame f;
  void *stack[32];
};
static struct __cdefer_frame *start(struct test_frame *t, size_t bytes) {
  __cdefer_frame_start(&t->f, t->stack, bytes);
  return &t->f;
}

// Whether the frame has a record left, moving to older chunks as the
// plugin's exit loop does:
//   do { while (__cdefer_deferpending(f)) run one; } while (__cdefer_deferreturn(f));
static int pending(struct __cdefer_frame *f) {
  while (!__cdefer_deferpending(f))
    if (!__cdefer_deferreturn(f))
      return 0;
  return 1;
}

// Pops every record, checking that each site's record holds `site * 3` in
// its first word; returns how many there were.
static unsigned drain(struct __cdefer_frame *f, size_t size, unsigned *bad) {
  unsigned n = 0;
  while (pending(f)) {
    unsigned site = __cdefer_deferred_site(f);
    unsigned *r = __cdefer_deferpop(f, size);
    *bad += *r != site * 3;
    n++;
  }
  return n;
}

static void lifo_across_chunks(void) {
  struct test_frame t;
  struct __cdefer_frame *f = start(&t, 64);
  // 12-byte records (three ints and no site, or two and the site): sizes
  // that do not divide the chunks evenly.
  enum { N = 10000 }; // the stack buffer, then chunks of every class
  for (unsigned i = 0; i < N; i++)
    *(unsigned *)__cdefer_deferproc_site(f, i, 12) = i * 3;
  unsigned expect = N, in_order = 1;
  while (pending(f)) {
    expect--;
    unsigned site = __cdefer_deferred_site(f);
    unsigned *r = __cdefer_deferpop(f, 12);
    in_order &= site == expect && *r == expect * 3;
  }
  EXPECT(in_order);
  EXPECT(expect == 0);
  EXPECT(f->__cd_top == f->__cd_stack && f->__cd_base == f->__cd_stack);
  EXPECT(!pending(f)); // stays done
}

static void frames_are_independent(void) {
  struct test_frame a, b;
  struct __cdefer_frame *outer = start(&a, 16), *inner = start(&b, 16);
  *(unsigned *)__cdefer_deferproc_site(outer, 1, 8) = 3;
  *(unsigned *)__cdefer_deferproc_site(inner, 2, 8) = 6;
  *(unsigned *)__cdefer_deferproc_site(outer, 3, 8) = 9;
  *(unsigned *)__cdefer_deferproc_site(outer, 4, 8) = 12; // outer spills
  unsigned bad = 0;
  EXPECT(drain(inner, 8, &bad) == 1);
  EXPECT(pending(outer) && __cdefer_deferred_site(outer) == 4);
  __cdefer_deferpop(outer, 8);
  EXPECT(drain(outer, 8, &bad) == 2);
  EXPECT(bad == 0);
}

// Records of many sizes, up to bigger than the largest chunk, each filled
// with its own byte: none overlaps another or its site word.
static void every_size(void) {
  struct test_frame t;
  struct __cdefer_frame *f = start(&t, sizeof t.stack);
  enum { MAX = 70 * 1024 };
  unsigned aligned = 1, count = 0;
  for (size_t size = 8; size <= MAX; size = size * 5 / 4 + 8) {
    size &= ~(size_t)(CDEFER_RECORD_ALIGN - 1);
    unsigned char *r = __cdefer_deferproc_site(f, (unsigned)size, size);
    aligned &= (uintptr_t)r % CDEFER_RECORD_ALIGN == 0;
    memset(r, (int)(size & 0xff), size - sizeof(unsigned));
    count++;
  }
  EXPECT(aligned);
  unsigned intact = 1, popped = 0;
  while (pending(f)) {
    size_t size = __cdefer_deferred_site(f);
    unsigned char *r = __cdefer_deferpop(f, size);
    for (size_t i = 0; i + sizeof(unsigned) < size; i++)
      intact &= r[i] == (size & 0xff);
    popped++;
  }
  EXPECT(intact);
  EXPECT(popped == count);
}

// The first record may be too big for the stack buffer: the buffer stays
// empty, and the frame still ends.
static void first_record_too_big(void) {
  struct test_frame t;
  struct __cdefer_frame *f = start(&t, 8);
  *(unsigned *)__cdefer_deferproc_site(f, 7, 64) = 21;
  unsigned bad = 0;
  EXPECT(drain(f, 64, &bad) == 1 && bad == 0);
  EXPECT(f->__cd_top == f->__cd_stack);
}

// A function whose records fit its stack buffer never reaches malloc, and
// one that needs a chunk takes the same one from its thread's cache each
// call.
static void chunks_come_back(void) {
  struct test_frame t;
  void *first = NULL;
  unsigned same = 1;
  for (int call = 0; call < 100; call++) {
    struct __cdefer_frame *f = start(&t, 64);
    for (unsigned i = 0; i < 20; i++)
      __cdefer_deferproc_site(f, 0, 16);
    void *newest = f->__cd_base;
    if (!first)
      first = newest;
    same &= newest == first;
    while (pending(f))
      __cdefer_deferpop(f, 16);
  }
  EXPECT(same);
  mallocs = 0;
  for (int call = 0; call < 100; call++) {
    struct __cdefer_frame *f = start(&t, 256);
    for (unsigned i = 0; i < 16; i++)
      __cdefer_deferproc_site(f, 0, 16);
    while (pending(f))
      __cdefer_deferpop(f, 16);
  }
  EXPECT(mallocs == 0);
}

// A million pending records (16 MB) in one frame: when it returns, the
// thread's cache and the pool keep a bounded part and the rest goes back to
// malloc.
static void burst_is_given_back(void) {
  struct test_frame t;
  struct __cdefer_frame *f = start(&t, 64);
  mallocs = frees = 0;
  for (unsigned i = 0; i < 1000000; i++)
    __cdefer_deferproc_site(f, 0, 16);
  long taken = mallocs;
  while (pending(f))
    __cdefer_deferpop(f, 16);
  EXPECT(taken > 200);
  EXPECT(frees >= taken - 100);
}

// A thread that keeps giving chunks back, or keeps taking them, moves half
// a cache (4 of class 0's 8) between its cache and the pool under one lock,
// as Go's per-P defer pools do: 16 chunks cost 2 locks each way, not 8. On
// a thread of its own, whose cache starts empty.
static void *batches(void *unused) {
  (void)unused;
  struct cdefer__chunk *c[16];
  for (int i = 0; i < 16; i++)
    c[i] = cdefer__chunk_take(0, 16);
  locks = 0;
  for (int i = 0; i < 16; i++) // 8 fill the cache, 8 go to the pool
    cdefer__chunk_give(c[i]);
  EXPECT(locks == 2);
  locks = 0;
  for (int i = 0; i < 16; i++) // 8 from the cache, 8 from the pool
    c[i] = cdefer__chunk_take(0, 16);
  EXPECT(locks == 2);
  for (int i = 0; i < 16; i++)
    cdefer__chunk_give(c[i]);
  return NULL;
}

static void half_a_cache_per_lock(void) {
  pthread_t t;
  pthread_create(&t, NULL, batches, NULL);
  pthread_join(t, NULL);
}

int main(void) {
  lifo_across_chunks();
  frames_are_independent();
  every_size();
  first_record_too_big();
  chunks_come_back();
  burst_is_given_back();
  half_a_cache_per_lock();
  printf("unit: %d passed, %d failed\n", passed, failed);
  return failed != 0;
}
