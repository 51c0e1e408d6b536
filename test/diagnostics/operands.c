// `defer` takes an expression statement or a compound statement, nothing
// else, and the error says how to write it instead.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -Xclang -verify %s -DTWICE
// RUN: %cdefer -fsyntax-only -Xclang -verify %s -DNOT_STATEMENTS -fdefer-ts
// RUN: %cdefer -fsyntax-only -Xclang -verify %s -DLABELS -std=c23
#include <cdefer.h>

void use(int);

#ifdef NOT_STATEMENTS
// Outside a function body there is no variable to declare before the
// defer (that advice was given at file scope and on fields), and C2y's
// _Defer is named.
defer int global; // expected-error {{'defer' applies to a statement in a function body, not to a declaration}}
struct s {
  defer int field; // expected-error {{'defer' applies to a statement in a function body, not to a declaration}}
};
void c2y(int x) {
  defer _Defer use(x); // expected-error {{'defer' cannot apply to a '_Defer' statement; defer an expression statement or a compound statement '{ ... }'}}
}
#elif defined(LABELS)
// A label before the defer is fine; `defer L: S;` gives the label the
// attribute too, and ran as `L: defer S;`, and `defer L: defer S;` deferred
// S once. After a label, the operand is named as anywhere else.
void labels(int x) {
  if (x)
    goto L;
  defer L: use(x); // expected-error {{'defer' cannot apply to a labeled statement; defer an expression statement or a compound statement '{ ... }'}}
M: defer use(x);
  defer N: defer use(x); // expected-error {{'defer' cannot apply to a labeled statement}} expected-error {{'defer' cannot apply to another 'defer'}}
O: defer if (x) use(x); // expected-error {{'defer' cannot apply to an 'if' statement}}
P: defer int y = 1; // expected-error {{'defer' cannot apply to a declaration; declare the variable before the 'defer'}}
}

// The same written by one macro, where the defer and the label have one
// place in the file.
#define DEFER_LABELED(s) defer Q: s
void labels_by_macro(int x) {
  DEFER_LABELED(use(x)); // expected-error {{'defer' cannot apply to a labeled statement}}
}
#elif defined(TWICE)
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
