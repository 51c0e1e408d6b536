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
#include <cdefer.h>
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

int main(int argc, char **argv) {
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
// CHECK-NEXT: signal-traceback.c:26:
// CHECK-NEXT: caller
// CHECK-NEXT: signal-traceback.c:30:
// CHECK-NEXT: main
// CHECK-NEXT: signal-traceback.c:50:
// DEFAULT-NOT: thread
// FPE:      signal SIGFPE: floating-point exception
// FPE:      main
// FPE-NEXT: signal-traceback.c:48:
// DEEP:      thread {{[0-9]+}} [running]:
// DEEP-NEXT: crash
// DEEP-NOT:  ??
// DEEP:      ...additional frames elided...
