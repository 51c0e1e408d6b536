// fork() while other threads move chunks between their caches and the pool
// (under the pool's lock): each child can still use the pool. Without the
// fork handlers that hold the lock across fork(), a child that inherits it
// locked waits forever (the alarm then ends it).
// RUN: %cdefer -O2 %s %runtime -o %t
// RUN: %t | FileCheck %s
// CHECK: 40 children ok
#include <cdefer.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static atomic_int stop;
static void nothing(int i) { (void)i; }

// 200,000 records: dozens of 64 KiB chunks, more than a thread's cache
// keeps, so each call gives most of them to the pool and takes them back.
static void many(void) {
  for (int i = 0; i < 200000; i++)
    defer nothing(i);
}

static void *churn(void *arg) {
  while (!atomic_load(&stop))
    many();
  return arg;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, churn, NULL);
  int ok = 0;
  for (int c = 0; c < 40; c++) {
    pid_t pid = fork();
    if (pid == 0) {
      alarm(3);
      many();
      _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    ok += WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  atomic_store(&stop, 1);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  printf("%d children ok\n", ok);
  return 0;
}
