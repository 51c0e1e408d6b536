// CDEFER_TRACEBACK=all (Go's GOTRACEBACK=all): an uncaught panic also shows
// every other thread that is panicking, as far as its unwinding has come;
// the default (single) shows only the thread that dies.
// UNSUPPORTED: sanitize
// RUN: %cdefer -g %s %runtime -o %t
// RUN: env CDEFER_TRACEBACK=all %expect-status 2 %t 2> %t.err; FileCheck %s --check-prefix=ALL < %t.err
// RUN: %expect-status 2 %t 2> %t.err; FileCheck %s --check-prefix=SINGLE < %t.err
#include <cdefer.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

static sem_t in_deferred_code;

__attribute__((noinline)) static void *stuck_in_a_panic(void *arg) {
  (void)arg;
  defer {
    sem_post(&in_deferred_code);
    for (;;)
      pause();
  }
  panic("the other thread's panic");
}

__attribute__((noinline)) static void dies(void) {
  panic("the uncaught panic");
}

int main(void) {
  sem_init(&in_deferred_code, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, stuck_in_a_panic, NULL);
  sem_wait(&in_deferred_code);
  dies();
  return 0;
}
// ALL:      panic: the uncaught panic
// ALL:      thread [[MAIN:[0-9]+]] [running]:
// ALL-NEXT: dies
// ALL-NEXT: traceback-threads.c:27
// ALL:      thread {{[0-9]+}} [panicking]:
// ALL-NEXT: stuck_in_a_panic
// ALL-NEXT: traceback-threads.c:23
// SINGLE:     thread {{[0-9]+}} [running]:
// SINGLE-NOT: [panicking]
