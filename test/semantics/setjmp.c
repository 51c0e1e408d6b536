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
// -fno-builtin and -ffreestanding take setjmp out of clang's builtins; the
// plugin still knows it by its name.
// RUN: env CDEFER_MODES='-O0 -fno-builtin;-O2 -ffreestanding' %run-modes %s \
// RUN:   > %t.nobuiltin.out
// RUN: diff %t.go.out %t.nobuiltin.out
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

// A variable of an inner block that deferred code names moves where the
// defer keeps it, and the body goes on using it there, after a longjmp
// back too (volatile, as C asks of a local changed between the two).
static jmp_buf moved_back;
static void jump_moved(void) { longjmp(moved_back, 1); }
static void moved(void) {
  {
    volatile int v = 0;
    if (setjmp(moved_back) == 0) {
      defer printf("moved: deferred sees %d\n", v);
      defer { printf("moved: deferred block sees %d\n", v); }
      v = 3;
      jump_moved();
    }
    v = 7;
    printf("moved: body sees %d\n", v);
  }
}
// CHECK-NEXT: moved: body sees 7
// CHECK-NEXT: moved: deferred block sees 7
// CHECK-NEXT: moved: deferred sees 0

// __builtin_setjmp and __builtin_longjmp, the same as setjmp and longjmp.
static void *builtin_again[5];
static void jump_builtin(void) { __builtin_longjmp(builtin_again, 1); }
static void builtin(void) {
  volatile int n = 0;
  __builtin_setjmp(builtin_again);
  n++;
  defer printf("builtin: deferred at pass %d\n", n);
  if (n < 3)
    jump_builtin();
}
// CHECK-NEXT: builtin: deferred at pass 3
// CHECK-NEXT: builtin: deferred at pass 2
// CHECK-NEXT: builtin: deferred at pass 1

int main(void) {
  reentered();
  between();
  moved();
  builtin();
  return 0;
}
