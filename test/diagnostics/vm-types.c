// The size of a variable-length array type is computed where the type is
// used, at exit: a variable of an inner block cannot be in it (it is no
// longer there), in a declaration, a cast, sizeof or typeof.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -Xclang -verify -DPOINTER %s
// RUN: %cdefer -fsyntax-only -Xclang -verify -DSUGAR %s
#include <cdefer.h>

void use(const void *);

#if defined(SUGAR)
// A typedef's sizes are computed at the typedef, and typeof(array)'s at the
// array: of an inner block, a path that skips the block reaches the exit
// without them (the module was broken).
void sugar(int n) {
  if (n < 0)
    return;
  {
    typedef char line[n];
    defer { use((const void *)sizeof(line)); } // expected-error {{deferred statement uses type 'line', which involves a variable-length array and is declared in a block that ends before the function returns; declare it in the function's outermost block}} expected-note {{deferred statement is here}}
  }
  {
    char row[n];
    use(row);
    defer { use((const void *)sizeof(typeof(row))); } // expected-error {{deferred statement uses variable-length array 'row'}} expected-note {{deferred statement is here}}
  }
}
#elif !defined(POINTER)
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
