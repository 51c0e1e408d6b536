// A signal handler that panics and recovers while the thread's own panic
// is being unwound, over and over: neither waits for the other. The
// runtime's unwinder holds the loader's lock while it asks whether shared
// objects changed; a handler's panic that interrupted it waited for that
// lock forever (the program hung within milliseconds). Such a panic now
// leaves the unwinding to libgcc.
// UNSUPPORTED: sanitize
// RUN: for s in auto runtime; do for o in -O0 -O2; do \
// RUN:   %cdefer $o -fplugin-arg-cdefer-strategy=$s %s %runtime -o %t || exit 1; \
// RUN:   timeout 60 %t | FileCheck %s || exit 1; done; done
// CHECK: handled some, all recovered
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/time.h>

static volatile long handled, lost;
static volatile int sink;

static void handler_deep(int depth) {
  defer {
    if (depth == 0 && !recover())
      lost++;
  }
  if (depth < 4)
    handler_deep(depth + 1);
  else
    panic("in the handler");
}

static void on_alarm(int sig) {
  (void)sig;
  handler_deep(0);
  handled++;
}

static void deep(int depth) {
  defer { sink++; }
  if (depth == 8)
    panic("in the program");
  deep(depth + 1);
}

static void recovers(void) {
  defer {
    const char *why = recover();
    if (!why || strcmp(why, "in the program") != 0)
      abort();
  }
  deep(0);
}

int main(void) {
  signal(SIGALRM, on_alarm);
  struct itimerval every = {{0, 50}, {0, 50}}, stop = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &every, NULL);
  for (long i = 0; i < 100000 || !handled; i++)
    recovers();
  setitimer(ITIMER_REAL, &stop, NULL);
  printf("%s, %s\n", handled ? "handled some" : "handled none",
         lost ? "some lost" : "all recovered");
  return 0;
}
