// An error about code in a deferred block that the user's macro writes is
// shown as clang shows its own: at the macro's use, then where in the macro
// the offending token is ("expanded from macro"). It pointed at the
// macro's use alone, so a multi-line macro did not say which statement.
// RUN: not %cdefer-cc -fsyntax-only %s 2>&1 | FileCheck %s
#include <cdefer.h>
#include <stdlib.h>

#define FREE_UNLESS_NULL(p)                                                    \
  defer {                                                                      \
    if (!(p))                                                                  \
      return;                                                                  \
    free(p);                                                                   \
  }

void release(char *p) {
  FREE_UNLESS_NULL(p);
}
// CHECK:      macro-locations.c:[[@LINE-2]]:3: error: 'return' cannot appear in a deferred statement
// CHECK-NEXT: FREE_UNLESS_NULL(p);
// CHECK:      macro-locations.c:12:7: note: expanded from macro 'FREE_UNLESS_NULL'
// CHECK-NEXT: return;
// CHECK:      macro-locations.c:17:3: note: deferred statement is here

#define SKIP_REST(cond) defer { for (;;) { if (cond) break; } if (cond) continue; }
void loop(int n) {
  for (int i = 0; i < n; i++)
    SKIP_REST(i);
}
// CHECK:      macro-locations.c:[[@LINE-2]]:5: error: 'continue' cannot leave a deferred statement
// CHECK:      macro-locations.c:25:73: note: expanded from macro 'SKIP_REST'
