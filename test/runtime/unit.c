// Unit tests of the runtime's record interface, called directly the way the
// plugin's output calls it: LIFO per frame, frames independent, captures
// aligned and intact in every size class, big captures from malloc, caches
// exchanging records with the pool.
// RUN: %clang -O1 -I%S/../../runtime/src -I%include %s %runtime -o %t
// RUN: %t | FileCheck %s
// CHECK: unit: {{[0-9]+}} passed, 0 failed
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

static void lifo_in_one_frame(void) {
  struct cdefer_frame f = {0};
  for (unsigned i = 0; i < 100; i++)
    *(unsigned *)cdefer_deferproc(&f, i, sizeof(unsigned)) = i * 3;
  unsigned expect = 100, ok = 1;
  void *c;
  while ((c = cdefer_deferreturn(&f))) {
    expect--;
    ok &= f.site == expect && *(unsigned *)c == expect * 3;
  }
  EXPECT(ok);
  EXPECT(expect == 0);
  EXPECT(f.pending == NULL && f.running == NULL);
}

static void frames_are_independent(void) {
  struct cdefer_frame outer = {0}, inner = {0};
  cdefer_deferproc(&outer, 1, 0);
  cdefer_deferproc(&inner, 2, 0);
  cdefer_deferproc(&outer, 3, 0);
  EXPECT(cdefer_deferreturn(&inner) && inner.site == 2);
  EXPECT(cdefer_deferreturn(&inner) == NULL);
  EXPECT(cdefer_deferreturn(&outer) && outer.site == 3);
  EXPECT(cdefer_deferreturn(&outer) && outer.site == 1);
  EXPECT(cdefer_deferreturn(&outer) == NULL);
}

static void every_size_class(void) {
  struct cdefer_frame f = {0};
  enum { MAX = 1000 };
  for (size_t size = 0; size <= MAX; size += 7) {
    unsigned char *c = cdefer_deferproc(&f, (unsigned)size, size);
    EXPECT((uintptr_t)c % CDEFER_CAPTURE_ALIGN == 0);
    memset(c, (int)(size & 0xff), size);
  }
  int intact = 1;
  unsigned char *c;
  while ((c = cdefer_deferreturn(&f)))
    for (size_t i = 0; i < f.site; i++)
      intact &= c[i] == (f.site & 0xff);
  EXPECT(intact);
}

static void cache_exchanges_with_pool(void) {
  // Far more records than a cache holds, pending at once, then all freed:
  // the cache must spill to the pool and refill from it.
  struct cdefer_frame f = {0};
  for (unsigned round = 0; round < 3; round++) {
    for (unsigned i = 0; i < 10 * CDEFER_CACHE_CAP; i++)
      cdefer_deferproc(&f, i, 24);
    unsigned n = 0;
    while (cdefer_deferreturn(&f))
      n++;
    EXPECT(n == 10 * CDEFER_CACHE_CAP);
  }
}

static void records_are_reused(void) {
  struct cdefer_frame f = {0};
  void *first = cdefer_deferproc(&f, 0, 8);
  cdefer_deferreturn(&f);
  cdefer_deferreturn(&f); // frees it
  void *again = cdefer_deferproc(&f, 0, 8);
  EXPECT(first == again);
  cdefer_deferreturn(&f);
  cdefer_deferreturn(&f);
}

int main(void) {
  lifo_in_one_frame();
  frames_are_independent();
  every_size_class();
  cache_exchanges_with_pool();
  records_are_reused();
  printf("unit: %d passed, %d failed\n", passed, failed);
  return failed != 0;
}
