// -Wthread-safety-verbose adds the same notes to a function with defers as
// Sema adds to one without: where the variable's guard is declared, and the
// function, at its body's `{`. The plugin's own run of the analysis (see
// thread-safety.c) left both out.
// RUN: %cdefer -fsyntax-only -Wthread-safety -Wthread-safety-verbose -fno-caret-diagnostics %s 2>&1 | FileCheck %s
// RUN: %cdefer -fsyntax-only -Wthread-safety %s 2>&1 | FileCheck %s --check-prefix=QUIET
#include <cdefer.h>

struct __attribute__((capability("mutex"))) mutex { int held; };
void lock(struct mutex *m) __attribute__((acquire_capability(*m)));
void unlock(struct mutex *m) __attribute__((release_capability(*m)));
void log_line(const char *s);

struct mutex mu;
int counter __attribute__((guarded_by(mu)));

// CHECK: thread-safety-verbose.c:[[@LINE+5]]:10: warning: reading variable 'counter' requires holding mutex 'mu'
// CHECK-NEXT: thread-safety-verbose.c:15:5: note: guarded_by declared here
// CHECK-NEXT: thread-safety-verbose.c:[[@LINE+1]]:22: note: thread warning in function 'with_defer'
int with_defer(void) {
  defer log_line("done");
  return counter;
}

// CHECK: thread-safety-verbose.c:[[@LINE+5]]:10: warning: reading variable 'counter' requires holding mutex 'mu'
// CHECK-NEXT: thread-safety-verbose.c:15:5: note: guarded_by declared here
// CHECK-NEXT: thread-safety-verbose.c:[[@LINE+1]]:25: note: thread warning in function 'without_defer'
int without_defer(void) {
  log_line("done");
  return counter;
}
// QUIET-NOT: note:
