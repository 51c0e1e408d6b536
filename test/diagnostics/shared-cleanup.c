// A variable of an inner block whose cleanup attribute runs when that block
// ends cannot be kept alive for deferred code that runs at function exit:
// the cleanup would see the block's copy, not the one the deferred code
// and the rest of the block use (a pointer freed, then used, then freed
// again), so naming it in deferred code is an error that says what to do.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void use(int *);
static void release(int *p) { use(p); }

void inner(int n) {
  if (n) {
    int b __attribute__((cleanup(release))) = 2;
    defer { use(&b); } // expected-error {{deferred statement uses 'b', whose cleanup attribute runs when its block ends, before the deferred statement; declare it in the function's outermost block, or clean it up in deferred code instead of with the attribute}} expected-note {{deferred statement is here}}
    b = 3;
  }
}

// In the outermost block it lives until the function returns, after the
// deferred code has run: fine.
void outermost(void) {
  int b __attribute__((cleanup(release))) = 2;
  defer { use(&b); }
  b = 3;
}

