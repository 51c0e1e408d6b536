// Reaching main's closing brace is `return 0;`: a `defer_result` of main
// receives the 0 like any returned value, and deferred code then sees and
// may change it, which is main's exit status (it kept its initial value).
// RUN: %expect-status 0 %run-modes %s > %t.0.out
// RUN: FileCheck %s --check-prefix=ZERO < %t.0.out
// RUN: %expect-status 3 %run-modes %s -DCHANGE > %t.3.out
// RUN: FileCheck %s --check-prefix=CHANGED < %t.3.out
#include <cdefer.h>
#include <stdio.h>

int main(void) {
  defer_result int r = 6;
  defer printf("argument taken at the defer: %d\n", r);
  defer {
    printf("deferred block sees %d\n", r);
#ifdef CHANGE
    r += 3;
#endif
  }
  printf("body leaves r at %d\n", r);
}
// ZERO:      body leaves r at 6
// ZERO-NEXT: deferred block sees 0
// ZERO-NEXT: argument taken at the defer: 6
// CHANGED:      deferred block sees 0
// CHANGED-NEXT: argument taken at the defer: 6
