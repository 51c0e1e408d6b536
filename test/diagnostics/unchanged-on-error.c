// Every check runs before any change: an error found at a function's last
// defer leaves its earlier ones as they were (the call of the first defer
// used to be rewritten already), and recover() too.
// RUN: not %cdefer -fsyntax-only -Xclang -ast-print %s > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// RUN: FileCheck %s < %t.out
#include <cdefer.h>

void use(const void *);

void f(int n, int x) {
  defer use(&x);
  void *r = recover();
  for (int i = 0; i < n; i++) {
    int vla[n];
    defer { use(vla); }
  }
}
// ERR: error: deferred statement uses variable-length array 'vla'
// CHECK-LABEL: void f(int n, int x) {
// CHECK-NOT:     __cdefer
// CHECK:         use(&x);
// CHECK-NOT:     __cdefer
// CHECK:         void *r = cdefer_recover();
// CHECK-NOT:     __cdefer
// CHECK:       }
