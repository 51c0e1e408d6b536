// A `return` becomes a jump to the exit at the end of the outermost block:
// a variably modified declaration there after a `return` would be jumped
// into. A variable-length array gets storage that lasts until the function
// returns (semantics/edge-control.c); anything else is an error.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -Xclang -verify -DTYPEDEF %s
// RUN: %cdefer -fsyntax-only -Xclang -verify -DTYPEOF %s
#include <cdefer.h>

void use(const void *);

#if defined(TYPEOF)
// typeof names the array's declaration, which its storage replaces: it is
// not moved (the compiler crashed), anywhere typeof names it.
int typeof_names(int n) {
  defer use(0);
  if (n < 0)
    return -1;
  char row[n]; // expected-error {{'row' has a variably modified type and is declared in the outermost block}}
  use((const void *)sizeof(typeof(row)));
  return 0;
}

#elif !defined(TYPEDEF)
int pointer(int n) {
  defer use(0);
  if (n < 0)
    return -1;
  int (*rows)[n] = 0; // expected-error {{'rows' has a variably modified type and is declared in the outermost block of a function with defers after a 'return'}}
  use(rows);
  return 0;
}

#else
int typedefed(int n) {
  defer use(0);
  if (n < 0)
    return -1;
  typedef char line[n]; // expected-error {{'line' has a variably modified type and is declared in the outermost block}}
  line l;
  use(l);
  return 0;
}
#endif

int inside_a_block(int n) {
  defer use(0);
  if (n < 0)
    return -1;
  {
    int (*rows)[n] = 0; // fine: the exit is not in this block
    use(rows);
  }
  return 0;
}
