// At -O2 the open-coded bits of unconditional defers fold away: the function
// compiles to the same machine code as the cleanup written by hand.
// RUN: %cdefer -O2 -S -fno-asynchronous-unwind-tables %s -o - | grep -v -e '\.file' -e '\.ident' > %t.defer.s
// RUN: %cdefer -O2 -S -fno-asynchronous-unwind-tables -DBY_HAND %s -o - | grep -v -e '\.file' -e '\.ident' > %t.hand.s
// RUN: diff %t.hand.s %t.defer.s
// RUN: FileCheck %s < %t.defer.s
#include <cdefer.h>

void check(int, int, int);
int work(int);
void unlock(int *);
void lock(int *);

#ifndef BY_HAND
int one_defer(int a, int b, int c) {
  defer check(a, b, c);
  return work(a);
}

int critical_section(int *m, int x) {
  lock(m);
  defer unlock(m);
  if (x < 0)
    return -1;
  return work(x);
}

int three_defers(int a) {
  defer check(a, 1, 1);
  defer check(a, 2, 2);
  defer { check(a, 3, 3); }
  return work(a) + 1;
}
#else
int one_defer(int a, int b, int c) {
  int r = work(a);
  check(a, b, c);
  return r;
}

int critical_section(int *m, int x) {
  lock(m);
  if (x < 0) {
    unlock(m);
    return -1;
  }
  int r = work(x);
  unlock(m);
  return r;
}

int three_defers(int a) {
  int r = work(a);
  check(a, 3, 3);
  check(a, 2, 2);
  check(a, 1, 1);
  return r + 1;
}
#endif
// CHECK-LABEL: one_defer:
// CHECK:         call{{q?}} work
// CHECK:         call{{q?}} check
// CHECK-LABEL: critical_section:
