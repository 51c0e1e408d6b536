// pthread_exit and pthread_cancel (glibc's forced unwinding) run the pending
// deferred statements of every frame of the thread, like Go's
// runtime.Goexit, and a recover() in them cannot stop it.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/thread-exit.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

static void exits(void) {
  defer printf("exits: deferred\n");
  for (int i = 0; i < 2; i++)
    defer printf("exits: loop deferred %d\n", i);
  pthread_exit(NULL);
}

static void *worker(void *arg) {
  defer printf("worker: deferred, recover gives %s\n", show(recover()));
  defer { printf("worker: deferred block, recover gives %s\n", show(recover())); }
  exits();
  printf("worker: not reached\n");
  return arg;
}
// CHECK:      exits: loop deferred 1
// CHECK-NEXT: exits: loop deferred 0
// CHECK-NEXT: exits: deferred
// CHECK-NEXT: worker: deferred block, recover gives nil
// CHECK-NEXT: worker: deferred, recover gives nil
// CHECK-NEXT: thread ended

static pthread_barrier_t started;
static void *cancelled(void *arg) {
  defer printf("cancelled: deferred\n");
  pthread_barrier_wait(&started);
  for (;;)
    pause(); // a cancellation point
  return arg;
}
// CHECK-NEXT: cancelled: deferred
// CHECK-NEXT: cancelled thread ended

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  printf("thread ended\n");
  fflush(stdout);

  pthread_barrier_init(&started, NULL, 2);
  pthread_create(&t, NULL, cancelled, NULL);
  pthread_barrier_wait(&started);
  pthread_cancel(t);
  pthread_join(t, NULL);
  printf("cancelled thread ended\n");
  return 0;
}
