// A `defer` inside the statement of C2y's `_Defer` (clang -fdefer-ts) is an
// error: it used to be dropped without a word, even in the outermost block.
// `_Defer` next to `defer` keeps its own meaning [semantics/interplay.c].
// RUN: %cdefer -fdefer-ts -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void use(int);

void outermost(void) {
  _Defer {
    defer use(1); // expected-error {{'defer' inside a '_Defer' statement is not supported}}
  }
}

void inner(int x) {
  if (x) {
    _Defer {
      use(2);
      {
        defer { use(3); } // expected-error {{'defer' inside a '_Defer' statement is not supported}}
      }
    }
  }
}
