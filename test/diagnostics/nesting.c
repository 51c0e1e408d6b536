// Defers that cdefer cannot run are rejected with the reason: inside a
// statement expression (also one in a deferred expression). A defer in a
// deferred block is fine (semantics/defer-in-deferred.c), unless the block
// holds what a function of its own cannot take (outline-errors.c).
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void use(int);

int f(int x) {
  int y = ({
    defer use(1); // expected-error {{'defer' inside a statement expression is not supported}}
    x + 1;
  });
  defer use(({
    defer use(2); // expected-error {{'defer' inside a statement expression is not supported}}
    3;
  }));
  return y;
}
