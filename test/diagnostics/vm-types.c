// The size of a variable-length array type is computed where the type is
// used, at exit: a variable of an inner block cannot be in it (it is no
// longer there), in a declaration, a cast, sizeof or typeof.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void use(const void *);

void g(int n) {
  {
    int len = n;
    defer { char (*p)[len] = 0; (void)p; } // expected-error {{deferred statement uses 'len' in the size of a variable-length array type}} expected-note {{deferred statement is here}}
  }
  {
    int size = n;
    defer { use((const int *)sizeof(typeof(char[size]))); } // expected-error {{deferred statement uses 'size' in the size of a variable-length array type}} expected-note {{deferred statement is here}}
  }
}
