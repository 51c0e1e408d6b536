// With -g, a breakpoint on a deferred statement's line is hit when the
// function returns (after its body ran), and the backtrace shows the function
// it belongs to, under both strategies.
// REQUIRES: gdb
// RUN: %cdefer -g -O0 %s %runtime -o %t
// RUN: gdb -batch -nx -ex 'break gdb.c:16' -ex run -ex bt -ex 'print returning' %t 2>&1 | FileCheck %s
// RUN: %cdefer -g -O0 -fplugin-arg-cdefer-strategy=runtime %s %runtime -o %t.rt
// RUN: gdb -batch -nx -ex 'break gdb.c:16' -ex run -ex bt -ex 'print returning' %t.rt 2>&1 | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static int returning;

static int work(int n) {
  defer {
    printf("deferred line\n"); // line 16
  }
  returning = 1;
  return n * 2;
}

int main(void) { return work(21) == 42 ? 0 : 1; }
// CHECK:      Breakpoint 1{{(\.1)?}}, work (n=21) at {{.*}}gdb.c:16
// CHECK:      #0  work (n=21) at {{.*}}gdb.c:16
// CHECK-NEXT: #1  {{.*}} main () at {{.*}}gdb.c:22
// CHECK:      $1 = 1
