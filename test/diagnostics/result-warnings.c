// A defer_result variable is what the function returns: -Wall -Wextra say
// nothing of one that only deferred code reads, or that nothing reads (they
// used to call it "set but not used" or unused, failing -Werror builds).
// RUN: %cdefer -fsyntax-only -Wall -Wextra -Werror -Xclang -verify %s
// expected-no-diagnostics
#include <cdefer.h>
#include <stdio.h>

int only_deferred_reads(void) {
  defer_result int r = 0;
  defer { printf("%d\n", r); }
  r = 1;
  return 2;
}

int nothing_reads(void) {
  defer_result int r = 0;
  defer { r = 3; }
  return 1;
}
