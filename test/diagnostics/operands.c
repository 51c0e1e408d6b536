// `defer` takes an expression statement or a compound statement, nothing
// else, and the error says how to write it instead.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -Xclang -verify %s -DTWICE
#include <cdefer.h>

void use(int);

#ifdef TWICE
// Two defers on one statement were taken for one.
void twice(int x) {
  defer defer use(x); // expected-error {{'defer' cannot apply to another 'defer'; defer an expression statement or a compound statement '{ ... }'}}
}
#else
void f(int x) {
  defer int y = 1; // expected-error {{'defer' cannot apply to a declaration; declare the variable before the 'defer'}}
  defer if (x) use(x); // expected-error {{'defer' cannot apply to an 'if' statement; defer an expression statement or a compound statement '{ ... }'}}
  defer return; // expected-error {{'defer' cannot apply to a 'return' statement}}
  defer ; // expected-error {{'defer' cannot apply to an empty statement}}
  defer while (x) use(x); // expected-error {{'defer' cannot apply to a 'while' statement}}
  defer for (;;) use(x); // expected-error {{'defer' cannot apply to a 'for' statement}}
  defer switch (x) { default: use(x); } // expected-error {{'defer' cannot apply to a 'switch' statement}}
}
#endif
