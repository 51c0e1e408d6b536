// -fplugin-arg-cdefer-remarks prints one remark per function with defers:
// its strategy and, for runtime records, the reason and where it comes from.
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-remarks %s 2>&1 | FileCheck %s
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-remarks -fplugin-arg-cdefer-strategy=runtime %s 2>&1 | FileCheck %s --check-prefix=FORCED
#include <cdefer.h>

void use(int);

void no_defers(void) { use(0); }
// CHECK-NOT: 'no_defers'

void straight(void) {
  defer use(1);
  defer use(2);
}
// CHECK: strategy-remarks.c:[[@LINE-4]]:6: remark: 'straight': 2 defers open-coded
// FORCED: strategy-remarks.c:[[@LINE-5]]:6: remark: 'straight': 2 defers use runtime records: forced by -fplugin-arg-cdefer-strategy=runtime

void in_switch(int x) {
  switch (x) {
  case 1: defer use(1); break;
  case 2: defer use(2); break;
  }
}
// CHECK: remark: 'in_switch': 2 defers open-coded

void in_loop(int n) {
  defer use(0);
  for (int i = 0; i < n; i++)
    defer use(i);
}
// CHECK: remark: 'in_loop': 2 defers use runtime records: the defer at strategy-remarks.c:[[@LINE-2]]:5 can run more than once per call: it is inside the loop at strategy-remarks.c:[[@LINE-3]]:3

void switch_in_loop(int n) {
  while (n--) {
    switch (n) {
    case 1: defer use(1); break;
    }
  }
}
// CHECK: remark: 'switch_in_loop': 1 defer use runtime records: the defer at strategy-remarks.c:[[@LINE-4]]:13 can run more than once per call: it is inside the loop at strategy-remarks.c:[[@LINE-6]]:3

void backward_goto(int n) {
again:
  defer use(n);
  if (--n > 0)
    goto again;
}
// CHECK: remark: 'backward_goto': 1 defer use runtime records: the defer at strategy-remarks.c:[[@LINE-4]]:3 can run more than once per call: a backward 'goto' can reach it again

void forward_goto_only(int n) {
  if (n)
    goto done;
  defer use(n);
done:
  use(0);
}
// CHECK: remark: 'forward_goto_only': 1 defer open-coded

void computed_goto(int n) {
  void *target = n ? &&a : &&b;
a:
  defer use(1);
  goto *target;
b:
  use(2);
}
// CHECK: remark: 'computed_goto': 1 defer use runtime records: the defer at strategy-remarks.c:[[@LINE-5]]:3 can run more than once per call: a computed 'goto' can reach it again

// An asm goto jumps as a goto does: back to a label before the defer.
void backward_asm_goto(int n) {
again:
  defer use(n);
  if (--n > 0)
    __asm__ goto("" :::: again);
}
// CHECK: remark: 'backward_asm_goto': 1 defer use runtime records: the defer at strategy-remarks.c:[[@LINE-4]]:3 can run more than once per call: a backward 'goto' can reach it again

void loop_inside_deferred(int n) {
  defer {
    for (int i = 0; i < n; i++)
      use(i);
  }
}
// CHECK: remark: 'loop_inside_deferred': 1 defer open-coded

void loop_without_defer(int n) {
  for (int i = 0; i < n; i++)
    use(i);
  defer use(n);
}
// CHECK: remark: 'loop_without_defer': 1 defer open-coded

void do_while_zero(void) {
  do {
    defer use(1);
  } while (0);
}
// CHECK: remark: 'do_while_zero': 1 defer open-coded

#define D8(n) defer use(n); defer use(n); defer use(n); defer use(n); \
              defer use(n); defer use(n); defer use(n); defer use(n);
void sixty_four(void) { D8(0) D8(1) D8(2) D8(3) D8(4) D8(5) D8(6) D8(7) }
// CHECK: remark: 'sixty_four': 64 defers open-coded
void sixty_five(void) { D8(0) D8(1) D8(2) D8(3) D8(4) D8(5) D8(6) D8(7) defer use(8); }
// CHECK: remark: 'sixty_five': 65 defers use runtime records: 65 defer statements, more than the 64 that open coding handles
