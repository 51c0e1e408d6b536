// Fatal signals print the stack like an uncaught panic, when the program
// asks (cdefer_trace_signals(), or CDEFER_TRACE_SIGNALS=1), and then take
// their default action: the process still dies of the signal. Without
// asking, signal handling is the system's.
// UNSUPPORTED: sanitize
// RUN: %cdefer -g -O0 %s %runtime -o %t
// RUN: %t call 2> %t.err; test $? = 139
// RUN: FileCheck %s < %t.err
// RUN: env CDEFER_TRACE_SIGNALS=1 %t 2> %t.err; test $? = 139
// RUN: FileCheck %s < %t.err
// RUN: %t 2> %t.err; test $? = 139
// RUN: FileCheck %s --check-prefix=DEFAULT --allow-empty < %t.err
// RUN: %t fpe 2> %t.err; test $? = 136
// RUN: FileCheck %s --check-prefix=FPE < %t.err
// A deep stack shows its first 128 frames, as a panic's does (it read past
// them, printing garbage frames or crashing in the handler).
// RUN: %t deep 2> %t.err; test $? = 139
// RUN: FileCheck %s --check-prefix=DEEP < %t.err
// A stack overflow in a thread that called cdefer_trace_signals() is
// traced too (the handler had a stack only on the thread that called it
// first, and the thread died silently).
// RUN: %t thread-overflow 2> %t.err; test $? = 139
// RUN: FileCheck %s --check-prefix=OVERFLOW < %t.err
#include <cdefer.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static volatile int zero;

__attribute__((noinline)) static int crash(int *p) {
  return *p + 1;
}

__attribute__((noinline)) static int caller(int *p) {
  int r = crash(p);
  return r * 2;
}

__attribute__((noinline)) static int deep(int n, int *p) {
  int r = n ? deep(n - 1, p) : crash(p);
  return r + n;
}

static volatile char sink;

__attribute__((noinline)) static int overflow(int n) {
  volatile char frame[512];
  frame[0] = (char)n;
  sink = frame[0];
  return overflow(n + 1) + frame[0];
}

static void *overflows(void *arg) {
  cdefer_trace_signals();
  overflow(0);
  return arg;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "thread-overflow") == 0) {
    cdefer_trace_signals();
    pthread_t t;
    pthread_create(&t, NULL, overflows, NULL);
    pthread_join(t, NULL);
    return 0;
  }
  if (argc > 1 && strcmp(argv[1], "call") == 0)
    cdefer_trace_signals();
  if (argc > 1 && strcmp(argv[1], "deep") == 0) {
    cdefer_trace_signals();
    return deep(400, NULL);
  }
  if (argc > 1 && strcmp(argv[1], "fpe") == 0) {
    cdefer_trace_signals();
    return 1 / zero;
  }
  printf("%d\n", caller(NULL));
  return 0;
}
// CHECK:      signal SIGSEGV: segmentation violation (address (nil))
// CHECK-EMPTY:
// CHECK-NEXT: thread {{[0-9]+}} [running]:
// CHECK-NEXT: crash
// CHECK-NEXT: signal-traceback.c:32:
// CHECK-NEXT: caller
// CHECK-NEXT: signal-traceback.c:36:
// CHECK-NEXT: main
// CHECK-NEXT: signal-traceback.c:78:
// DEFAULT-NOT: thread
// FPE:      signal SIGFPE: floating-point exception
// FPE:      main
// FPE-NEXT: signal-traceback.c:76:
// DEEP:      thread {{[0-9]+}} [running]:
// DEEP-NEXT: crash
// DEEP-NOT:  ??
// DEEP:      ...additional frames elided...
// OVERFLOW:      signal SIGSEGV: segmentation violation
// OVERFLOW:      thread {{[0-9]+}} [running]:
// OVERFLOW-NEXT: overflow
