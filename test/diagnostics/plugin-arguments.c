// An unknown plugin argument is an error, not silently ignored.
// RUN: not %cdefer -fsyntax-only -fplugin-arg-cdefer-stratgy=runtime %s 2>&1 | FileCheck %s
// CHECK: error: unknown cdefer plugin argument 'stratgy=runtime'; known arguments are 'remarks', 'strategy=auto|runtime' and the warning options 'Wcdefer-<name>', 'Wno-cdefer-<name>', 'Werror=cdefer-<name>' and 'Wno-error=cdefer-<name>'
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=auto -fplugin-arg-cdefer-remarks %s
#include <cdefer.h>
void f(void) {}
