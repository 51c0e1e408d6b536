// Defers that cdefer cannot run at function exit are rejected with the
// reason: inside a statement expression, or inside another deferred
// statement.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void use(int);

int f(int x) {
  int y = ({
    defer use(1); // expected-error {{'defer' inside a statement expression is not supported}}
    x + 1;
  });
  defer { // expected-note {{deferred statement is here}}
    defer use(2); // expected-error {{'defer' inside a deferred statement is not supported}}
  }
  return y;
}
