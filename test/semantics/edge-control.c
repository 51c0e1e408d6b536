// Control flow at the edges: a return that jumps over a variable-length
// array declared later in the outermost block (the exit sequence then reads
// it only when its defer ran), and defers re-reached by a computed goto.
// RUN: %run-modes %s | FileCheck %s
// Valid IR even before the plugin's IR pass (it used to be invalid there).
// RUN: %cdefer -fverify-intermediate-code -c %s -o %t.o
#include <cdefer.h>
#include <stdio.h>
static int vla_after_return(int n) {
  defer printf("vla: deferred n=%d\n", n);
  if (n < 0)
    return -1;
  int v[n + 1];
  for (int i = 0; i <= n; i++) v[i] = i;
  defer printf("vla: last=%d\n", v[n]);
  defer { v[0] = -v[n]; } // a block that uses the array itself at exit
  return v[n];
}
static int computed(int n) {
  static void *targets[] = {&&a, &&b};
  int k = 0;
a:
  defer printf("computed: pass %d\n", k);
  if (++k < n) goto *targets[0];
  goto *targets[1];
b:
  return k;
}
int main(void) {
  printf("%d\n", vla_after_return(3));
  printf("%d\n", vla_after_return(-1));
  printf("%d\n", computed(3));
  return 0;
}
// CHECK:      vla: last=3
// CHECK-NEXT: vla: deferred n=3
// CHECK-NEXT: 3
// CHECK-NEXT: vla: deferred n=-1
// CHECK-NEXT: -1
// CHECK-NEXT: computed: pass 2
// CHECK-NEXT: computed: pass 1
// CHECK-NEXT: computed: pass 0
// CHECK-NEXT: 3
