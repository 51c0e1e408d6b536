// A deferred block with defers of its own becomes a function of its own
// (pass/OutlineDeferred.cpp), which reaches the enclosing function's
// variables by address: what has no address, or a type sized by the
// enclosing function, is an error that says what to move.
// One case per compile: after an error, later functions are not lowered.
// RUN: %cdefer -fsyntax-only -fblocks -Xclang -verify %s -DCASE=1
// RUN: %cdefer -fsyntax-only -fblocks -Xclang -verify %s -DCASE=2
// RUN: %cdefer -fsyntax-only -fblocks -Xclang -verify %s -DCASE=3
// RUN: %cdefer -fsyntax-only -fblocks -Xclang -verify %s -DCASE=4
// RUN: %cdefer -fsyntax-only -fblocks -Xclang -verify %s -DCASE=5
// RUN: %cdefer -fsyntax-only -fblocks -Xclang -verify %s -DCASE=6
#include <cdefer.h>

void use(int);

#if CASE == 1
void register_variable(int x) {
  register int r = x;
  defer { // expected-note {{deferred statement is here}}
    defer use(4);
    use(r); // expected-error {{a deferred block with defers of its own runs as a function of its own, which cannot take 'r': move it out of the block, or the inner defers out of it}}
  }
}

#elif CASE == 2
void block_literal(void) {
  defer { // expected-note {{deferred statement is here}}
    defer use(5);
    void (^b)(void) = ^{ use(6); }; // expected-error {{cannot take 'a block literal'}}
    b();
  }
}

#elif CASE == 4
// va_start takes the variable arguments of the function it is in, and the
// block's function has none (it compiled, and read garbage).
#include <stdarg.h>
int variable_arguments(int n, ...) {
  defer_result int r = 0;
  defer { // expected-note {{deferred statement is here}}
    va_list ap;
    va_start(ap, n); // expected-error {{which cannot take 'va_start': move it out of the block, or the inner defers out of it}}
    defer va_end(ap);
    for (int i = 0; i < n; i++)
      r += va_arg(ap, int);
  }
  return 0;
}

#elif CASE == 5
// Variably modified types that no variable of the block has: a typedef's
// size is computed where the typedef stands (the compiler crashed),
// typeof's where its array is declared (crashed too), a cast's from n,
// which the block does not name as a variable (it read another object).
void variably_modified_types(int n, void *q) {
  typedef int row[n];
  int vla[n];
  vla[0] = 1;
  defer { // expected-note {{deferred statement is here}}
    defer use(8);
    use(sizeof(row)); // expected-error {{which cannot take 'row': move it out of the block}}
  }
  defer { // expected-note {{deferred statement is here}}
    defer use(9);
    use(sizeof(typeof(vla))); // expected-error {{which cannot take 'vla'}}
  }
  defer { // expected-note {{deferred statement is here}}
    defer use(10);
    use(((int (*)[n])q)[1][0]); // expected-error {{which cannot take 'int (*)[n]'}}
  }
}

#elif CASE == 6
void take(void *);
// A label's address belongs to the enclosing function's code (clang crashed).
int label_address(int n) {
  defer { // expected-note {{deferred statement is here}}
    defer use(11);
    take(&&out); // expected-error {{which cannot take '&&out'}}
  }
  defer {
    defer use(12);
    take(&&in); // its own label: fine
  in:
    use(13);
  }
out:
  return n;
}

#else
void variably_modified(int n) {
  int vla[n];
  vla[0] = 1;
  defer { // expected-note 2 {{deferred statement is here}}
    defer use(7);
    use(vla[0]); // expected-error {{cannot take 'vla'}}
    int inner[n]; // expected-error {{cannot take 'inner'}}
    inner[0] = 2;
    use(inner[0]);
  }
}
#endif
