// A thread that recovered a panic leaves nothing behind when it exits: the
// memory kept for its next panic and its last panicf message are freed
// (LeakSanitizer used to find about 99 bytes per thread). Likewise its cache
// of chunks goes back to the pool.
// RUN: %cdefer -O1 -g -fsanitize=address %s %runtime -o %t
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t | FileCheck %s
// CHECK: 1000 threads recovered
// CHECK: 100 destructors recovered
// CHECK: 100 destructors deferred
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

// The same from a thread-specific destructor of the program's, which the
// C library calls after the runtime's own: what it keeps anew is freed
// too (it leaked about 22 KiB a thread).
static pthread_key_t late_key;
static void late_destructor(void *arg) { recovers(arg); }
static void *keeps_a_key(void *arg) {
  pthread_setspecific(late_key, arg);
  return recovers(arg);
}

// The same without a panic: the destructor's chunks go back to a cache
// that nothing else registers for the exit (each thread leaked them, about
// 75 KiB, and a program that makes threads grew without bound).
static pthread_key_t deferring_key;
static void defers_many(void) {
  for (int k = 0; k < 2000; k++)
    defer (void)k;
}
static void deferring_destructor(void *arg) {
  (void)arg;
  defers_many();
}
static void *keeps_a_deferring_key(void *arg) {
  pthread_setspecific(deferring_key, arg);
  defers_many();
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
  pthread_key_create(&late_key, late_destructor);
  for (long i = 1; i <= 100; i++) {
    pthread_t t;
    pthread_create(&t, NULL, keeps_a_key, (void *)i);
    pthread_join(t, NULL);
  }
  printf("100 destructors recovered\n");
  pthread_key_create(&deferring_key, deferring_destructor);
  for (long i = 1; i <= 100; i++) {
    pthread_t t;
    pthread_create(&t, NULL, keeps_a_deferring_key, (void *)i);
    pthread_join(t, NULL);
  }
  printf("100 destructors deferred\n");
  return 0;
}
