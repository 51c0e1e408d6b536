// Bad use gets an error, not a crash: a panic from a signal handler, which
// cannot unwind into the code the signal interrupted, and running out of
// memory while panicking, each print what happened and exit with status 2.
// RLIMIT_AS and the sanitizers' shadow memory do not mix.
// UNSUPPORTED: sanitize
// RUN: %expect-status 2 %run-modes %s -DCASE=1 2> %t.1.err
// RUN: FileCheck %s --check-prefix=SIGNAL < %t.1.err
// RUN: %expect-status 2 %run-modes %s -DCASE=2 2> %t.2.err
// RUN: FileCheck %s --check-prefix=MEMORY < %t.2.err
// SIGNAL:      panic: from a signal handler
// SIGNAL-NEXT: fatal error: cdefer: panic in a signal handler cannot unwind the code it interrupted
// MEMORY:      panic: out of memory here
// MEMORY-NEXT: fatal error: cdefer: out of memory while panicking
#include <cdefer.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#if CASE == 1
static void handler(int sig) {
  (void)sig;
  panic("from a signal handler");
}
int main(void) {
  defer printf("main: deferred\n");
  signal(SIGUSR1, handler);
  raise(SIGUSR1);
  return 0;
}
#elif CASE == 2
// Exhaust the address space, then panic twice (the second inside a deferred
// call): the first takes the runtime's emergency panic, the second has none.
static void *volatile keep;
static void exhaust(size_t size) {
  void **p;
  while ((p = malloc(size))) { // a list, so that the optimizer keeps it
    *p = keep;
    keep = p;
  }
}
int main(void) {
  defer { panic("out of memory here"); }
  struct rlimit limit = {64 << 20, 64 << 20};
  setrlimit(RLIMIT_AS, &limit);
  exhaust(1 << 16);
  exhaust(16);
  panic("first");
}
#endif
