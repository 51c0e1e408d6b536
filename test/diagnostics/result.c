// `defer_result` names the result only as a local of the function's
// outermost block, once per function, with the function's return type, and
// not const (every return assigns it; a const one returned its initializer),
// without a cleanup (it lives from the function's entry: the cleanup ran
// where the declaration never did). After a label, the attribute is the
// label's: the error says where to write it.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

defer_result int global; // expected-error {{'defer_result' must be on a local variable in the function's outermost block}}

int param(defer_result int p) { // expected-error {{'defer_result' must be on a local variable in the function's outermost block}}
  return p;
}

int nested(int x) {
  if (x) {
    defer_result int r = 0; // expected-error {{'defer_result' must be on a local variable in the function's outermost block}}
    return r;
  }
  return 0;
}

int is_static(void) {
  static defer_result int r; // expected-error {{'defer_result' must be on a local variable in the function's outermost block}}
  return r;
}

int twice(void) {
  defer_result int a = 0; // expected-note {{previous 'defer_result' variable is here}}
  defer_result int b = 0; // expected-error {{a function can have only one 'defer_result' variable}}
  return a + b;
}

long wrong_type(void) {
  defer_result int r = 0; // expected-error {{'defer_result' variable has type 'int' but the function returns 'long'; they must be the same type}}
  return r;
}

void returns_void(void) {
  defer_result int r = 0; // expected-error {{'defer_result' variable has type 'int' but the function returns 'void'; they must be the same type}}
  (void)r;
}

const int const_result(void) {
  defer_result const int r = 1; // expected-error {{'defer_result' variable cannot be const: every 'return' assigns it, and deferred code may; remove the 'const'}}
  return 5;
}

static void release(int *p) { (void)p; }

int with_cleanup(int k) {
  if (k)
    return 1;
  defer_result int r __attribute__((cleanup(release))) = 3; // expected-error {{'defer_result' variable cannot have a 'cleanup' attribute: it is the function's result, alive from the function's entry until it returns; defer the cleanup instead}}
  return r;
}

int after_label(int k) {
  if (k)
    goto L;
L: defer_result int r = 5; // expected-warning {{label followed by a declaration is a C23 extension}} expected-error {{'defer_result' right after a label applies to the label, as GNU attributes do in C; write it after the type: 'L: int defer_result r;'}}
  return 0;
}
