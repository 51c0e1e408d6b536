// Without the plugin, <cdefer.h> stops the build with a message naming the
// flag to add; with -DCDEFER_TOOLING it lets tools parse defer code instead.
// RUN: not %clang -fsyntax-only -I%include %s 2>&1 | FileCheck %s
// CHECK: error: "cdefer.h: 'defer' needs the cdefer plugin: add '-fplugin=<prefix>/lib/cdefer/cdefer.so' to this compile (clang-22 only), or compile with 'cdefer-cc'
// RUN: %clang -fsyntax-only -Werror -DCDEFER_TOOLING -I%include %s
#include <cdefer.h>
#include <stdlib.h>

int f(void) {
  defer_result int r = 0;
  char *p = malloc(4);
  defer free(p);
  defer { r = 1; }
  return r;
}
