// At -O2 unconditional open-coded defers cost what the cleanup written by
// hand costs: the optimizer folds the bits away, and the landing pads that
// run defers when a panic unwinds add nothing to the normal path. Counted in
// instructions executed (callgrind), per function, against the same
// functions by hand. (conditional() is built and run for the benchmark's
// sake but not compared: its bits are real and cost a few instructions.)
// REQUIRES: valgrind
// RUN: %cdefer -O2 -c %s -o %t.defer.o
// RUN: %cdefer -O2 -c -DBY_HAND %s -o %t.hand.o
// RUN: %clang -O2 -c %S/Inputs/cost-driver.c -o %t.driver.o
// RUN: %clang %t.defer.o %t.driver.o %runtime -o %t.defer
// RUN: %clang %t.hand.o %t.driver.o %runtime -o %t.hand
// RUN: valgrind --tool=callgrind --callgrind-out-file=%t.defer.cg %t.defer
// RUN: valgrind --tool=callgrind --callgrind-out-file=%t.hand.cg %t.hand
// RUN: callgrind_annotate --inclusive=no %t.defer.cg | grep -E ' \?\?\?:(only_defer|one_defer|critical_section|three_defers) ' | sed 's/ (.*)//; s/\[.*\]//' | sort -k2 > %t.defer.counts
// RUN: callgrind_annotate --inclusive=no %t.hand.cg | grep -E ' \?\?\?:(only_defer|one_defer|critical_section|three_defers) ' | sed 's/ (.*)//; s/\[.*\]//' | sort -k2 > %t.hand.counts
// RUN: diff %t.hand.counts %t.defer.counts
// RUN: FileCheck %s < %t.defer.counts
// CHECK: critical_section
// CHECK: one_defer
// CHECK: only_defer
// CHECK: three_defers
#include <cdefer.h>

void check(int, int, int);
int work(int);
void unlock(int *);
void lock(int *);

#ifndef BY_HAND
int only_defer(int a, int b, int c) {
  defer check(a, b, c);
  return 0;
}

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

int conditional(int a, int which) {
  if (which & 1)
    defer check(a, 1, 1);
  if (which & 2)
    defer check(a, 2, 2);
  return work(a);
}
#else
int only_defer(int a, int b, int c) {
  check(a, b, c);
  return 0;
}

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

int conditional(int a, int which) {
  int r = work(a);
  if (which & 2)
    check(a, 2, 2);
  if (which & 1)
    check(a, 1, 1);
  return r;
}
#endif
