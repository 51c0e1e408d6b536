// A warning that -Werror made an error, or an error of the plugin's own (a
// lint under -Werror), leaves the ASTs whole: later functions are still
// linted, and their flow-sensitive warnings still come, as clang goes on
// with its own for every function. (After the first such error nothing was
// linted or warned about: the thread-safety and unreachable-code warnings
// of the functions that followed were missing from a -Werror build's log.)
// An error of clang's own stops the plugin (sema-errors.c).
// RUN: for s in auto runtime; do \
// RUN:   not %cdefer-cc -fsyntax-only -fplugin-arg-cdefer-strategy=$s \
// RUN:     -Werror -Wall -Wunreachable-code -Wthread-safety \
// RUN:     -fno-caret-diagnostics %s 2>&1 | FileCheck %s; \
// RUN: done
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

struct __attribute__((capability("mutex"))) mutex { int held; };
void lock(struct mutex *m) __attribute__((acquire_capability(*m)));
void unlock(struct mutex *m) __attribute__((release_capability(*m)));
struct mutex mu;

int unused_first(void) {
  int spare; // CHECK: after-werror.c:[[@LINE]]:7: error: unused variable 'spare' [-Werror,-Wunused-variable]
  return 0;
}

int unchecked(const char *path) {
  FILE *f = fopen(path, "r");
  defer fclose(f); // CHECK: after-werror.c:[[@LINE]]:3: error: 'fclose' will run with 'f' even when it is null{{.*}}[-Werror,-Wcdefer-unchecked-resource]
  if (!f)
    return -1;
  return fgetc(f);
}

void unlocks_unheld(void) {
  defer unlock(&mu); // CHECK: after-werror.c:[[@LINE]]:9: error: releasing mutex 'mu' that was not held [-Werror,-Wthread-safety-analysis]
}

int dead_code(char *p) {
  defer free(p);
  return 0;
  puts("never"); // CHECK: after-werror.c:[[@LINE]]:3: error: code will never be executed [-Werror,-Wunreachable-code]
}

void grows(char *p, size_t n) {
  defer free(p); // CHECK: after-werror.c:[[@LINE]]:3: error: the deferred call gets 'p' as it is now{{.*}}[-Werror,-Wcdefer-reassigned-argument]
  p = realloc(p, n);
}
// CHECK-NOT: error:
