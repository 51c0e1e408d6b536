// A panic that reaches a frame without unwind tables (C built with
// -fno-asynchronous-unwind-tables) cannot go on: the report names that
// frame, says that its deferred code and its callers' did not run, and the
// flag that fixes it. It used to look like an ordinary uncaught panic.
// UNSUPPORTED: sanitize
// RUN: %clang -g -O1 -fno-asynchronous-unwind-tables -fno-unwind-tables -c %S/Inputs/no-unwind-tables.c -o %t.helper.o
// RUN: %cdefer -g %s %t.helper.o %runtime -o %t
// RUN: %expect-status 2 %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s < %t.err
#include <cdefer.h>
#include <stdio.h>

void call_back(void (*f)(void));

static void explode(void) {
  defer printf("explode's defer ran\n");
  panic("boom");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  defer printf("main's defer ran\n");
  call_back(explode);
  return 0;
}
// OUT:     explode's defer ran
// OUT-NOT: main's defer ran
// CHECK:      panic: boom
// CHECK:      thread {{[0-9]+}} [running]:
// CHECK-NEXT: explode
// CHECK-NEXT: no-unwind-tables.c:18
// CHECK-EMPTY:
// CHECK-NEXT: cdefer: the panic could not unwind past this frame, which has no unwind tables:
// CHECK-NEXT: call_back
// CHECK-NEXT: {{.*}}Inputs{{/|\\}}no-unwind-tables.c:6
// CHECK-NEXT: cdefer: deferred code in it and in its callers did not run; compile its file with -funwind-tables
