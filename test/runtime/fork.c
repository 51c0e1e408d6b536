// fork() leaves a usable runtime in the child, even while other threads are
// using the pool at the moment of the fork.
// RUN: %run-modes %s | FileCheck %s
// CHECK: child 0 ok
// CHECK: child 1 ok
// CHECK: child 2 ok
// CHECK: parent ok
#include <cdefer.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static atomic_int stop;
static long ran;
static void bump(long *n) { (*n)++; }

static long defer_many(int n) {
  long count = 0;
  {
    for (int i = 0; i < n; i++)
      defer bump(&count);
  }
  return count; // the defers have not run yet: they run after this
}

static long run_and_count(int n) {
  long before = ran;
  for (int i = 0; i < n; i++)
    defer bump(&ran);
  (void)before;
  return n;
}

static void *churn(void *arg) {
  while (!atomic_load(&stop)) {
    long local = 0;
    for (int i = 0; i < 100; i++)
      defer bump(&local);
  }
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, churn, NULL);
  for (int c = 0; c < 3; c++) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      ran = 0;
      run_and_count(5000);
      defer_many(100);
      printf("child %d %s\n", c, ran == 5000 ? "ok" : "wrong");
      fflush(stdout);
      _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
  }
  atomic_store(&stop, 1);
  pthread_join(t, NULL);
  ran = 0;
  run_and_count(100);
  printf("parent %s\n", ran == 100 ? "ok" : "wrong");
  return 0;
}
