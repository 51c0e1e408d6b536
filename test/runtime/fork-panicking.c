// fork() while other threads panic: each child can still panic. Without
// the fork handlers that hold a lock across fork(), a child that inherits
// it locked waits forever at its first panic (the alarm then ends it):
// the lock of the panic unwinder's walk over the loaded objects (the
// loader's own, which fork() does not reset: about 1 child in 5 hung), and
// with CDEFER_TRACEBACK=all, the lock of the list of panicking threads.
// RUN: %cdefer -O2 %s %runtime -o %t
// RUN: %t | FileCheck %s
// RUN: env CDEFER_TRACEBACK=all %t | FileCheck %s
// CHECK: 40 of 40 children ok
#include <cdefer.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static atomic_int stop;

static int recovers(void) {
  defer_result int recovered = 0;
  defer {
    if (recover())
      recovered = 1;
  }
  panic("again and again");
}

static void *panics(void *arg) {
  while (!stop)
    recovers();
  return arg;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, panics, NULL);
  int ok = 0, forks = 40;
  for (int i = 0; i < forks; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      alarm(5);
      _exit(recovers() ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    ok += WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  stop = 1;
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  printf("%d of %d children ok\n", ok, forks);
  return 0;
}
