// <stddefer.h> (C2y, -fdefer-ts) defines `defer` as `_Defer`. Included after
// <cdefer.h>, it silently made every later `defer` block-scoped: now a
// warning at the #include says so.
// RUN: %cdefer -fdefer-ts -fsyntax-only -Xclang -verify %s
// It follows -Werror and -w as clang's own warnings do.
// RUN: not %cdefer -fdefer-ts -fsyntax-only -Werror %s 2>&1 | FileCheck %s
// RUN: %cdefer -fdefer-ts -fsyntax-only -w -Werror %s 2>&1 | count 0
// CHECK: stddefer-after.c:[[@LINE+2]]:10: error: this redefines 'defer'
#include <cdefer.h>
#include <stddefer.h> // expected-warning {{this redefines 'defer' after <cdefer.h> (as <stddefer.h> does, to C2y's block-scoped '_Defer'): every 'defer' after it runs when its block ends, not when the function returns}}

void use(int);

void f(void) {
  defer use(1);
  use(2);
}
