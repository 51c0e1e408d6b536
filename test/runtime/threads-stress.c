// Threads defer in loops, exit and are replaced while others run; chunks of
// records move between per-thread caches and the pool. Clean under
// ThreadSanitizer, and every deferred call runs exactly once.
// RUN: %cdefer -O1 -fsanitize=thread %s -o %t -I%S/../../runtime/src %S/../../runtime/src/*.c -pthread
// RUN: env TSAN_OPTIONS=halt_on_error=1 %t | FileCheck %s
// RUN: %run-modes %s | FileCheck %s
// CHECK: threads: 24 finished, defers run 960000 of 960000
#include <cdefer.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { GENERATIONS = 6, PER_GENERATION = 4, CALLS = 4000, DEFERS = 10 };

static atomic_long runs;
static void count(long *local, long v) { *local += v; }

static void defers_in_a_loop(long *local) {
  for (int i = 0; i < DEFERS; i++)
    defer count(local, 1);
}

// Records too many for a frame's stack buffer, in frames nested deeper than
// a thread's cache holds chunks: returning, the frames fill the cache and
// give the rest to the pool; other threads take them from it.
struct wide { long a, b, c, d, e; };
static void count_wide(long *local, struct wide w) { *local += w.a; }
static void many_pending(long *local, int depth) {
  struct wide w = {1, 0, 0, 0, 0};
  for (int i = 0; i < 50; i++)
    defer count_wide(local, w);
  if (depth > 1)
    many_pending(local, depth - 1);
}

static void *worker(void *arg) {
  long local = 0;
  for (int i = 0; i < CALLS; i++)
    defers_in_a_loop(&local);
  local -= 50 * 20 * (CALLS / 100);
  for (int i = 0; i < CALLS / 100; i++)
    many_pending(&local, 20);
  atomic_fetch_add(&runs, local);
  return arg;
}

int main(void) {
  int finished = 0;
  // Each generation starts while the previous one still runs, then the old
  // one is joined: caches of exiting threads go back to the pool as new
  // threads take records from it.
  pthread_t prev[PER_GENERATION], cur[PER_GENERATION];
  for (int g = 0; g < GENERATIONS; g++) {
    for (int t = 0; t < PER_GENERATION; t++)
      pthread_create(&cur[t], NULL, worker, NULL);
    if (g > 0)
      for (int t = 0; t < PER_GENERATION; t++, finished++)
        pthread_join(prev[t], NULL);
    for (int t = 0; t < PER_GENERATION; t++)
      prev[t] = cur[t];
  }
  for (int t = 0; t < PER_GENERATION; t++, finished++)
    pthread_join(prev[t], NULL);
  long expect = (long)GENERATIONS * PER_GENERATION * CALLS * DEFERS;
  printf("threads: %d finished, defers run %ld of %ld\n", finished,
         atomic_load(&runs), expect);
  return 0;
}
