// A computed goto inside deferred code is fine when every label whose
// address the function takes is inside that deferred statement: it cannot
// leave it (it used to be rejected all the same).
// RUN: %run-modes %s | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static void dispatch(int n) {
  defer {
    static const int steps[] = {0, 1, 0, 2};
    void *targets[] = {&&print, &&skip, &&done};
    int i = 0;
  next:
    if (i == (int)(sizeof steps / sizeof steps[0]))
      goto *targets[2];
    goto *targets[steps[i++]];
  print:
    printf("dispatch: step %d of %d\n", i, n);
    goto next;
  skip:
    goto next;
  done:;
  }
  printf("dispatch: body\n");
}
// CHECK:      dispatch: body
// CHECK-NEXT: dispatch: step 1 of 4
// CHECK-NEXT: dispatch: step 3 of 4

int main(void) {
  dispatch(4);
  return 0;
}
