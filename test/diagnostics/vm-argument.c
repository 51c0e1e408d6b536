// A call-form defer's argument of variably modified type cannot be kept in
// a slot declared before the array's length is known: a clear error, not a
// slot that reads a length CodeGen made up.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void call(int n, int (*rows)[n]);

void f(int n) {
  int (*rows)[n] = 0;
  defer call(n, rows); // expected-error {{a deferred call's argument of variably modified type}} expected-note {{deferred statement is here}}
}
