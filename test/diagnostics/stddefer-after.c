// <stddefer.h> (C2y, -fdefer-ts) defines `defer` as `_Defer`. Included after
// <cdefer.h>, it silently made every later `defer` block-scoped: now a
// warning at the #include says so.
// RUN: %cdefer -fdefer-ts -fsyntax-only -Xclang -verify %s
#include <cdefer.h>
#include <stddefer.h> // expected-warning {{this redefines 'defer' after <cdefer.h> (as <stddefer.h> does, to C2y's block-scoped '_Defer'): every 'defer' after it runs when its block ends, not when the function returns}}

void use(int);

void f(void) {
  defer use(1);
  use(2);
}
