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

// A panic raised in deferred code that a thread exit runs, and recovered,
// does not stop the exit: the recovering frame does not return, and the
// thread goes on exiting (Go: "a normal recover would bypass/abort the
// Goexit"), whether the frame the exit landed in recovers or one further
// out does. And while a thread exits, recover() returns nil, even where a
// panic the exit abandoned was running ("Goexit is not a panic").
static int how;
static void exits_then_panics(void) {
  if (how == 0) {
    defer { printf("exit 0: recovered %s\n", show(recover())); }
    defer { panic("raised during exit"); }
    pthread_exit(NULL);
  }
  if (how == 1) {
    defer { panic("raised during exit, recovered further out"); }
    pthread_exit(NULL);
  }
  defer { printf("exit 2: recovered %s\n", show(recover())); }
  defer { panic("raised during exit, over an abandoned panic"); }
  defer { printf("exit 2: recover gives %s\n", show(recover())); }
  defer { pthread_exit(NULL); }
  panic("abandoned by the exit");
}

static void middle(void) {
  defer printf("exit %d: middle deferred\n", how);
  defer {
    if (how == 1)
      printf("exit 1: recovered %s\n", show(recover()));
  }
  exits_then_panics();
  printf("exit %d: middle not reached\n", how);
}

static void *exiting(void *arg) {
  defer printf("exit %d: thread deferred\n", how);
  middle();
  printf("exit %d: thread not reached\n", how);
  return arg;
}
// CHECK-NEXT: exit 0: recovered raised during exit
// CHECK-NEXT: exit 0: middle deferred
// CHECK-NEXT: exit 0: thread deferred
// CHECK-NEXT: exit 0: thread exited
// CHECK-NEXT: exit 1: recovered raised during exit, recovered further out
// CHECK-NEXT: exit 1: middle deferred
// CHECK-NEXT: exit 1: thread deferred
// CHECK-NEXT: exit 1: thread exited
// CHECK-NEXT: exit 2: recover gives nil
// CHECK-NEXT: exit 2: recovered raised during exit, over an abandoned panic
// CHECK-NEXT: exit 2: middle deferred
// CHECK-NEXT: exit 2: thread deferred
// CHECK-NEXT: exit 2: thread exited

// A panic raised and recovered inside deferred code that a thread exit
// runs, in a frame further out than the one whose deferred code may recover
// (frames that cannot recover do not tell the runtime where the exit is):
// it ends there, and the exit goes on after the deferred code (the exit
// went on from inside the recovering function, skipping the rest).
__attribute__((noinline)) static void recovers_own(void) {
  defer { printf("own: recovered %s\n", show(recover())); }
  panic("raised and recovered in deferred code");
}
__attribute__((noinline)) static void may_recover_exits(void) {
  defer { printf("exit 3: recover gives %s\n", show(recover())); }
  pthread_exit(NULL);
}
__attribute__((noinline)) static void cannot_recover(void) {
  defer {
    recovers_own();
    printf("exit 3: after the recovered panic\n");
  }
  may_recover_exits();
}
static void *exits_further_in(void *arg) {
  defer printf("exit 3: thread deferred\n");
  cannot_recover();
  printf("exit 3: thread not reached\n");
  return arg;
}
// CHECK-NEXT: exit 3: recover gives nil
// CHECK-NEXT: own: recovered raised and recovered in deferred code
// CHECK-NEXT: exit 3: after the recovered panic
// CHECK-NEXT: exit 3: thread deferred
// CHECK-NEXT: exit 3: thread exited

// A panic raised in deferred code that a thread exit runs, in a frame
// whose deferred code cannot recover, and recovered further out: the exit
// goes on (the recovering frame returned normally: only frames that may
// recover told the runtime that an exit landed there).
__attribute__((noinline)) static void exits_cannot_recover(void) {
  defer printf("exit 4: inner deferred\n");
  defer { panic("raised during exit where nothing recovers"); }
  pthread_exit(NULL);
}
__attribute__((noinline)) static void recovers_further_out(void) {
  defer printf("exit 4: middle deferred\n");
  defer { printf("exit 4: recovered %s\n", show(recover())); }
  exits_cannot_recover();
  printf("exit 4: middle not reached\n");
}
static void *exits_without_landing(void *arg) {
  defer printf("exit 4: thread deferred\n");
  recovers_further_out();
  printf("exit 4: thread not reached\n");
  return arg;
}
// CHECK-NEXT: exit 4: inner deferred
// CHECK-NEXT: exit 4: recovered raised during exit where nothing recovers
// CHECK-NEXT: exit 4: middle deferred
// CHECK-NEXT: exit 4: thread deferred
// CHECK-NEXT: exit 4: thread exited

// A function that recovers its own panic, called by deferred code of the
// frame the exit landed in, returns its result there. (Under ASan's fake
// stack and SafeStack, which keep locals off the machine stack, the exit
// went on from inside it: the runtime placed the frame by a local's address.)
__attribute__((noinline)) static int recovers_own_result(void) {
  defer_result int r = 1;
  defer {
    recover();
    r = 2;
  }
  panic("raised in a function deferred code calls");
}
static void *lands_then_recovers(void *arg) {
  defer { printf("exit 5: recovering call returned %d\n", recovers_own_result()); }
  defer { recover(); }
  pthread_exit(NULL);
  return arg;
}
// CHECK-NEXT: exit 5: recovering call returned 2
// CHECK-NEXT: exit 5: thread exited

// The same for a cancellation.
static void cancelled_then_panics(void) {
  defer { printf("cancel: recovered %s\n", show(recover())); }
  defer { panic("raised during cancel"); }
  pthread_barrier_wait(&started);
  for (;;)
    pause();
}

static void *cancelled_panics(void *arg) {
  defer printf("cancel: thread deferred\n");
  cancelled_then_panics();
  printf("cancel: thread not reached\n");
  return arg;
}
// CHECK-NEXT: cancel: recovered raised during cancel
// CHECK-NEXT: cancel: thread deferred
// CHECK-NEXT: cancel: thread exited

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
  fflush(stdout);

  void *result = NULL;
  for (how = 0; how < 3; how++) {
    pthread_create(&t, NULL, exiting, &how);
    pthread_join(t, &result);
    printf("exit %d: thread %s\n", how, result ? "returned" : "exited");
    fflush(stdout);
  }

  pthread_create(&t, NULL, exits_further_in, &how);
  pthread_join(t, &result);
  printf("exit 3: thread %s\n", result ? "returned" : "exited");
  fflush(stdout);

  pthread_create(&t, NULL, exits_without_landing, &how);
  pthread_join(t, &result);
  printf("exit 4: thread %s\n", result ? "returned" : "exited");
  fflush(stdout);

  pthread_create(&t, NULL, lands_then_recovers, &how);
  pthread_join(t, &result);
  printf("exit 5: thread %s\n", result ? "returned" : "exited");
  fflush(stdout);

  pthread_create(&t, NULL, cancelled_panics, &how);
  pthread_barrier_wait(&started);
  pthread_cancel(t);
  pthread_join(t, &result);
  printf("cancel: thread %s\n",
         result == PTHREAD_CANCELED ? "exited" : "returned");
  return 0;
}
