// `defer_result` names the result only as a local of the function's
// outermost block, once per function, with the function's return type, and
// not const (every return assigns it; a const one returned its initializer).
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
