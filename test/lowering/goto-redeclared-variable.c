// A variable of the outermost block whose declaration a backward goto runs
// again is shared with deferred code like an inner block's variable (a
// pointer to its current instance, declared with it, which the defer moves
// into its record); one that only forward jumps pass stays as it is.
// RUN: %cdefer -fsyntax-only -Xclang -ast-print %s | FileCheck %s
#include <cdefer.h>

void use(const int *);

void backward(int n) {
  int k = 0;
again:;
  int v = k;
  defer use(&v);
  if (++k < n)
    goto again;
}
// CHECK-LABEL: void backward(int n) {
// CHECK:       int k = 0;
// CHECK:       int v = k, *__cdefer_v = &v;
// CHECK:       ((struct __cdefer_s0_record *)__cdefer_captures)->v_kept = *__cdefer_v;
// CHECK:       use(&(*__cdefer_s0_v));

void forward(int n) {
  if (n)
    goto done;
  n = 1;
done:;
  int v = n;
  defer { use(&v); }
}
// CHECK-LABEL: void forward(int n) {
// CHECK-NOT:   __cdefer_v
// CHECK:       int v = n;
// CHECK:       use(&v);
// CHECK:       return;
