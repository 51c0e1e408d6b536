// What deferred code cannot keep alive past its block: a variable-length
// array, named by a deferred block or passed to a deferred call (vm-types.c:
// a variable in a type). An inner block's array of constant size lives on
// (semantics/inner-arrays.c).
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void use(const int *);

void f(int n) {
  for (int i = 0; i < n; i++) {
    int vla[n];
    int fixed[4];
    defer { use(vla); } // expected-error {{deferred statement uses variable-length array 'vla'}} expected-note {{deferred statement is here}}
    defer use(vla + 1); // expected-error {{deferred statement uses variable-length array 'vla'}} expected-note {{deferred statement is here}}
    defer { use(fixed); }
    defer use(fixed);
  }
}

