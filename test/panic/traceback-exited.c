// A thread whose panic was abandoned (a longjmp out of its deferred code,
// or pthread_exit in it) and that has then exited is not among the
// panicking threads CDEFER_TRACEBACK=all shows: its panic went with it
// (the report printed it from freed memory).
// UNSUPPORTED: sanitize
// RUN: %cdefer -g %s %runtime -o %t
// RUN: env CDEFER_TRACEBACK=all %expect-status 2 %t 2> %t.err; FileCheck %s < %t.err
#include <cdefer.h>
#include <pthread.h>
#include <setjmp.h>

static jmp_buf back;
static void jump_back(void) { longjmp(back, 1); }
static void abandons(void) {
  defer jump_back();
  panic("abandoned by a longjmp");
}
static void *jumps(void *arg) {
  if (!setjmp(back))
    abandons();
  return arg;
}

static void *exits(void *arg) {
  defer pthread_exit(arg);
  panic("abandoned by pthread_exit");
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, jumps, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, exits, NULL);
  pthread_join(t, NULL);
  panic("main's panic");
}
// CHECK:     panic: main's panic
// CHECK-NOT: abandoned
// CHECK-NOT: [panicking]
