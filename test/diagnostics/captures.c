// What a deferred block cannot keep alive past its block: a variable-length
// array or an array of an inner block (vm-types.c: a variable in a type).
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void use(const int *);

void f(int n) {
  for (int i = 0; i < n; i++) {
    int vla[n];
    int fixed[4];
    defer { use(vla); } // expected-error {{deferred statement uses variable-length array 'vla'}} expected-note {{deferred statement is here}}
    defer { use(fixed); } // expected-error {{deferred statement uses array 'fixed', whose block ends before the function returns}} expected-note {{deferred statement is here}}
    defer use(fixed); // a call: the pointer is the argument, copied at the defer
  }
}

