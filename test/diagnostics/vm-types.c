// The size of a variable-length array type is computed where the type is
// used, at exit: a variable of an inner block cannot be in it (it is no
// longer there), in a declaration, a cast, sizeof or typeof.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -Xclang -verify -DPOINTER %s
#include <cdefer.h>

void use(const void *);

#ifndef POINTER
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
#else
// A pointer to a variable-length array is variably modified too, and so is
// a call-form defer's argument of such a type (its slot would be declared
// before the array's length: diagnostics/vm-argument.c).
void h(int n) {
  {
    int (*rows)[n] = 0;
    defer { use(rows); } // expected-error {{deferred statement uses 'rows', whose type is variably modified}} expected-note {{deferred statement is here}}
  }
}
#endif
