// The size of a variable-length array is code, evaluated where its type is
// spelled, also under a pointer, in a cast, in typeof and in sizeof(type),
// where clang's children() do not lead. The plugin's checks see it there as
// they do anywhere else: before, a defer there ran in place, and a goto or
// return there left deferred code without a word.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -Xclang -verify %s -fplugin-arg-cdefer-strategy=runtime
#include <cdefer.h>

void use(int);

void under_a_pointer(int n) {
  int (*p)[({ defer use(1); n; })] = 0; // expected-error {{'defer' inside a statement expression is not supported}}
  (void)p;
}

void in_typeof(int n) {
  typeof(int[({ defer use(1); n; })]) *x = 0; // expected-error {{'defer' inside a statement expression is not supported}}
  (void)x;
}

void in_a_cast(int n) {
  void *q = (int (*)[({ defer use(1); n; })])0; // expected-error {{'defer' inside a statement expression is not supported}}
  (void)q;
}

unsigned long in_sizeof(int n) {
  return sizeof(int (*(*)[({ defer use(1); n; })])[n]); // expected-error {{'defer' inside a statement expression is not supported}}
}

int goto_out(int n) {
  defer { // expected-note {{deferred statement is here}}
    int (*p)[({ if (n) goto out; n; })] = 0; // expected-error {{'goto' cannot leave a deferred statement}}
    (void)p;
  }
out:
  return 7;
}

int return_out(int n) {
  defer { // expected-note {{deferred statement is here}}
    int (*p)[({ if (n) return 3; n; })] = 0; // expected-error {{'return' cannot appear in a deferred statement}}
    (void)p;
  }
  return 7;
}

void break_out(int n) {
  for (;;) {
    defer { // expected-note {{deferred statement is here}}
      void *p = (char (*)[({ if (n) break; 1; })])0; // expected-error {{'break' cannot leave a deferred statement}}
      (void)p;
    }
  }
}
