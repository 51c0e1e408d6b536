// A thread that recovered a panic leaves nothing behind when it exits: the
// memory kept for its next panic and its last panicf message are freed
// (LeakSanitizer used to find about 99 bytes per thread). Likewise its cache
// of chunks goes back to the pool.
// RUN: %cdefer -O1 -g -fsanitize=address %s %runtime -o %t
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t | FileCheck %s
// CHECK: 1000 threads recovered
#include <cdefer.h>
#include <pthread.h>
#include <stdio.h>

static void panics(long i) {
  for (int k = 0; k < 300; k++) // enough records to need a chunk
    defer (void)k;
  panicf("thread %ld", i);
}

static void *recovers(void *arg) {
  defer { recover(); }
  panics((long)arg);
  return NULL;
}

int main(void) {
  for (long i = 0; i < 1000; i += 10) {
    pthread_t t[10];
    for (int k = 0; k < 10; k++)
      pthread_create(&t[k], NULL, recovers, (void *)(i + k));
    for (int k = 0; k < 10; k++)
      pthread_join(t[k], NULL);
  }
  printf("1000 threads recovered\n");
  return 0;
}
