// A deferred block's own variables are in sight in a debugger wherever the
// block runs: at a normal return and while a panic unwinds the frame, under
// both strategies, at -O0. Each run of deferred code has a lexical block of
// its own (pass/DeferredScopes.cpp); the variables stayed in the block
// clang made, which no code was in any more, and the code after a call that
// became an invoke stayed there too: `print doubled` said "No symbol" in the
// unwinding copy (open-coded) or in both (runtime records).
// REQUIRES: gdb
// RUN: %cdefer -g -O0 %s %runtime -o %t
// RUN: gdb -batch -nx -ex 'break debugger-block-locals.c:31' -ex run -ex 'print doubled' -ex 'print message' -ex c -ex 'print doubled' -ex 'print message' -ex 'print __cdefer_unwinding' %t 2>&1 | FileCheck %s --check-prefix=GDB
// RUN: %cdefer -g -O0 -fplugin-arg-cdefer-strategy=runtime %s %runtime -o %t.rt
// RUN: gdb -batch -nx -ex 'break debugger-block-locals.c:31' -ex run -ex 'print doubled' -ex 'print message' -ex c -ex 'print doubled' -ex 'print message' -ex 'print __cdefer_unwinding' %t.rt 2>&1 | FileCheck %s --check-prefix=GDB
// RUN: %if lldb-22 %{ lldb-22 -b -o 'breakpoint set -f debugger-block-locals.c -l 31' -o run -o 'frame variable doubled' -o c -o 'frame variable doubled message' %t.rt 2>&1 | FileCheck %s --check-prefix=LLDB %}
// GDB-NOT: No symbol
// GDB: debugger-block-locals.c:31
// GDB: $1 = 2
// GDB: $2 = 0x0
// GDB: $3 = 6
// GDB: $4 = {{.*}} "big"
// GDB: $5 = 1
// LLDB: (int) doubled = 2
// LLDB: (int) doubled = 6
// LLDB: (const char *) message = {{.*}} "big"
#include <cdefer.h>
#include <stdio.h>

static int twice(int n) {
  defer {
    int doubled = n * 2;
    const char *message = recover();
    printf("%d %s\n", doubled, message ? message : "-"); // line 31
  }
  if (n > 2)
    panic("big");
  return n;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  return twice(1) + twice(3) - 1;
}
