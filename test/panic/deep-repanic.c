// Recursion 10,000 frames deep with a recover-and-repanic at each level runs
// each deferred statement exactly once, and the outermost recover gets the
// last panic. (Its time is linear in the depth: bench/ measures it.)
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/deep-repanic.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
// CHECK: deferred runs 10000, levels recovered 10000, last value level-0
#include <cdefer.h>
#include <stdio.h>

enum { DEPTH = 10000 };
static int runs[DEPTH], recovered;
static char names[DEPTH][16];

static void level(int n) {
  defer {
    runs[n]++;
    if (recover())
      recovered++;
    panic(names[n]);
  }
  if (n + 1 < DEPTH)
    level(n + 1);
  else
    panic("bottom");
}

static void top(const char **last) {
  defer { *last = recover(); }
  level(0);
}

int main(void) {
  for (int i = 0; i < DEPTH; i++)
    snprintf(names[i], sizeof names[i], "level-%d", i);
  const char *last = NULL;
  top(&last);
  int once = 1;
  for (int i = 0; i < DEPTH; i++)
    once &= runs[i] == 1;
  printf("deferred runs %d, levels recovered %d, last value %s\n",
         once ? DEPTH : -1, recovered, last ? last : "nil");
  return 0;
}
