// A longjmp back to a setjmp in the same function executes the defers
// between them again; each executed defer schedules one run (Go's rule: a
// defer executed k times runs k times), under both strategies and at every
// level (the state is kept where a longjmp cannot roll it back). Such a
// function always uses runtime records: one bit could not count the runs.
// The Go twin uses a backward goto.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/setjmp.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-remarks %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REMARK
#include <cdefer.h>
#include <setjmp.h>
#include <stdio.h>

static jmp_buf again;
static int passes;

static void maybe_again(void) {
  if (++passes < 3)
    longjmp(again, 1);
}

static void reentered(void) {
  volatile int i = 0;
  defer printf("reentered: first defer, once\n");
  setjmp(again);
  defer printf("reentered: deferred at pass %d\n", i);
  i++;
  maybe_again();
}
// REMARK: remark: 'reentered': 2 defers use runtime records: it calls '_setjmp' at setjmp.c:{{[0-9]+}}:{{[0-9]+}}, which returns twice
// CHECK:      reentered: deferred at pass 2
// CHECK-NEXT: reentered: deferred at pass 1
// CHECK-NEXT: reentered: deferred at pass 0
// CHECK-NEXT: reentered: first defer, once

// A defer executed between the setjmp and the longjmp, once.
static jmp_buf out;
static void jump_out(void) { longjmp(out, 1); }
static void between(void) {
  if (setjmp(out)) {
    printf("between: back from the longjmp\n");
    return;
  }
  defer printf("between: deferred before the longjmp\n");
  jump_out();
}
// CHECK-NEXT: between: back from the longjmp
// CHECK-NEXT: between: deferred before the longjmp

int main(void) {
  reentered();
  between();
  return 0;
}
