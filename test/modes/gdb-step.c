// At -O0, `step` from the user's code through a function's exit sequence
// goes from line to line of the user's code (the deferred statements) and
// never stops in cdefer.h's record helpers.
// REQUIRES: gdb
// RUN: %cdefer -g -O0 -fplugin-arg-cdefer-strategy=runtime %s %runtime -o %t
// RUN: gdb -batch -nx -ex 'break gdb-step.c:19' -ex run -ex 'step 10' -ex bt \
// RUN:   %t 2>&1 | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static void show(int i) { printf("deferred %d\n", i); }

static int work(int n) {
  for (int i = 0; i < n; i++)
    defer show(i);
  return n;
}

int main(void) { return work(2) == 2 ? 0 : 1; } // line 19
// CHECK-NOT: cdefer.h
// CHECK:     #0  show (i=1) at {{.*}}gdb-step.c:11
// CHECK-NEXT: #1  {{.*}} work (n=2) at {{.*}}gdb-step.c:15
// CHECK-NOT: cdefer.h
