// cdefer's own lints and errors under cdefer-tidy.
#include <cdefer.h>
#include <stdlib.h>

#ifdef QUIET
#pragma clang diagnostic ignored "-Wcdefer-reassigned-argument"
#endif

int grow(size_t n) {
  char *p = malloc(8);
  defer free(p);
  p = realloc(p, n);
  return p != 0;
}

#ifdef BROKEN
int leaves(int n) {
  defer {
    if (n)
      return 1;
  }
  return 0;
}
#endif
