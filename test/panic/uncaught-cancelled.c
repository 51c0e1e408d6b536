// A thread whose panic nobody recovers ends the process with status 2,
// even when it is cancelled while it writes the report: writing and
// waiting on the symbolizer (slow here) are cancellation points, and a
// pthread_cancel there ended the thread, and the process went on.
// UNSUPPORTED: sanitize
// RUN: %cdefer -O0 %s %runtime -o %t
// RUN: printf '#!/bin/sh\nsleep 2\ncat > /dev/null\n' > %t.sym && chmod +x %t.sym
// RUN: env CDEFER_SYMBOLIZER=%t.sym %expect-status 2 %t > %t.out 2> %t.err
// RUN: FileCheck %s < %t.out
// RUN: FileCheck %s --check-prefix=REPORT < %t.err
// CHECK: deferred
// CHECK-NOT: survived
// REPORT: panic: uncaught in a thread
#include <cdefer.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *panics(void *arg) {
  defer printf("deferred\n");
  panic("uncaught in a thread");
  return arg;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_t t;
  pthread_create(&t, NULL, panics, NULL);
  usleep(500 * 1000); // by now it waits on the symbolizer
  pthread_cancel(t);
  pthread_join(t, NULL);
  printf("survived an uncaught panic\n");
  return 0;
}
