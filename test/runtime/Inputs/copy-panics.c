// For two-runtimes.c: a shared object with a runtime of its own (linked
// with -Bsymbolic-functions) that panics.
#include <cdefer.h>
#include <stdio.h>

void copy_panics(void) {
  defer puts("copy: deferred ran");
  panic("from the copy");
}
