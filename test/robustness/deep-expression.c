// An expression tens of thousands of operands deep in deferred code, which
// clang itself takes: every walk of the plugin recurses once per level,
// and the stack overflowed (a crash from about 35,000 operands). Deep
// bodies are lowered on a stack of their own.
// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 -c "import sys; sys.stdout.write(open(sys.argv[1]).read().replace('SUM', '+'.join(['x'] * 40000)))" %s > %t/deep.c
// RUN: %cdefer -fsyntax-only -Wno-stack-exhausted %t/deep.c
// RUN: %cdefer -fsyntax-only -Wno-stack-exhausted -fplugin-arg-cdefer-strategy=runtime %t/deep.c
#include <cdefer.h>

int total;

int f(int x) {
  defer { total = SUM; }
  return x;
}
