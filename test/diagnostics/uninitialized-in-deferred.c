// -Wuninitialized sees the body as written, where a deferred block stands at
// its `defer`: inside deferred blocks it is off, since they run at exit,
// after the assignments that come later in the source (it used to fail
// -Werror builds on correct code). A call-form defer's arguments are
// evaluated at the defer, so an uninitialized one still warns, and so does
// anything after the block.
// RUN: %cdefer -fsyntax-only -Wall -Wuninitialized -Wconditional-uninitialized -Xclang -verify %s
#include <cdefer.h>
#include <stdio.h>

void set_after_the_block(int n) {
  int x;
  defer { printf("%d\n", x); }
  x = n;
  int y;
  defer {
    if (n) { printf("%d\n", y); }
  }
  y = 2;
}

void argument_at_the_defer(void) {
  int x; // expected-note {{initialize the variable 'x' to silence this warning}}
  defer printf("%d\n", x); // expected-warning {{variable 'x' is uninitialized when used here}}
  x = 1;
}

void after_a_block(void) {
  int z; // expected-note {{initialize the variable 'z' to silence this warning}}
  defer { printf("block\n"); }
  printf("%d\n", z); // expected-warning {{variable 'z' is uninitialized when used here}}
}
