// In a deferred block with defers of its own, which runs as a function of
// its own and reaches the function's variables through pointers, a
// debugger shows those variables by their names, as they are: `print r`
// said "No symbol" (only `*__cdefer_r` worked), under both strategies, in
// gdb and lldb, and `next` shows them change.
// REQUIRES: gdb
// RUN: %cdefer -g -O0 %s %runtime -o %t
// RUN: gdb -batch -nx -ex 'break debugger-captured.c:28' -ex run -ex 'print r' -ex 'print name' -ex next -ex next -ex 'print r' -ex 'print count' %t 2>&1 | FileCheck %s
// RUN: %cdefer -g -O0 -fplugin-arg-cdefer-strategy=runtime %s %runtime -o %t.rt
// RUN: gdb -batch -nx -ex 'break debugger-captured.c:28' -ex run -ex 'print r' -ex 'print name' -ex next -ex next -ex 'print r' -ex 'print count' %t.rt 2>&1 | FileCheck %s
// RUN: %if lldb-22 %{ lldb-22 -b -o 'b debugger-captured.c:28' -o run -o 'frame variable r name count' %t 2>&1 | FileCheck %s --check-prefix=LLDB %}
// CHECK: $1 = 5
// CHECK: $2 = "kept{{.*}}"
// CHECK: $3 = 50
// CHECK: $4 = 8
// LLDB: (int) r = 5
// LLDB: (char[8]) name = "kept{{.*}}"
// LLDB: (int) count = 7
#include <cdefer.h>
#include <stdio.h>

static int nested(void) {
  defer_result int r = 1;
  char name[8] = "kept";
  int count = 7;
  defer {
    defer printf("inner %d %s\n", r, name);
    r *= 10;
    count++;
  }
  return 5;
}

int main(void) {
  printf("%d\n", nested());
  return 0;
}
