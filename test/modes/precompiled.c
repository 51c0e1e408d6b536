// Precompiled headers and AST files: clang hands their declarations to the
// plugin before there is a Sema, and the plugin crashed there (a header
// with any function defined, even one built without the plugin).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cdefer -x c-header %S/Inputs/pch-header.h -o %t/with-plugin.pch
// RUN: %cdefer -include-pch %t/with-plugin.pch -c %s -o %t/a.o
// RUN: %clang %t/a.o %runtime -o %t/a && %t/a | FileCheck %s
// RUN: %clang -x c-header %S/Inputs/pch-plain.h -o %t/plain.pch
// RUN: %cdefer -include-pch %t/plain.pch -c %s -o %t/b.o -DPLAIN
// RUN: %clang %t/b.o %runtime -o %t/b && %t/b | FileCheck %s --check-prefix=PLAIN
// The runtime's declarations only in the precompiled header (it used to
// say "needs the cdefer runtime declaration ...; add #include <cdefer.h>"),
// under both strategies, with recover() and a loop's defers.
// RUN: %cdefer -x c-header %S/Inputs/pch-runtime.h -o %t/runtime.pch
// RUN: %cdefer -include-pch %t/runtime.pch -c %s -o %t/c.o -DRUNTIME_ONLY
// RUN: %clang %t/c.o %runtime -o %t/c && %t/c | FileCheck %s --check-prefix=RUNTIME
// RUN: %cdefer -fplugin-arg-cdefer-strategy=runtime -include-pch %t/runtime.pch -c %s -o %t/d.o -DRUNTIME_ONLY
// RUN: %clang %t/d.o %runtime -o %t/d && %t/d | FileCheck %s --check-prefix=RUNTIME
// A precompiled header made for tools (-DCDEFER_TOOLING, no plugin) in a
// compile with the plugin: every defer was the tools' form, which never
// runs, and nothing said so.
// RUN: %clang -I%include -DCDEFER_TOOLING -x c-header %S/Inputs/pch-runtime.h -o %t/tooling.pch
// RUN: not %cdefer -include-pch %t/tooling.pch -c %s -o %t/e.o -DRUNTIME_ONLY 2>&1 | FileCheck %s --check-prefix=TOOLING
// TOOLING: precompiled.c:[[#@LINE+13]]:3: error: this 'defer' is <cdefer.h>'s form for tools (CDEFER_TOOLING), which never runs its statement, in a compile with the cdefer plugin; build the precompiled header that defined it without -DCDEFER_TOOLING
// Its functions with defers, used by a file with no defer of its own:
// their deferred statements never ran.
// RUN: %clang -I%include -DCDEFER_TOOLING -x c-header %S/Inputs/pch-header.h -o %t/tooling-functions.pch
// RUN: printf 'int main(void) { return with_defers(helper(0)) - 1; }\n' > %t/no-defer.c
// RUN: not %cdefer -include-pch %t/tooling-functions.pch -c %t/no-defer.c -o %t/f.o 2>&1 | FileCheck %s --check-prefix=TOOLING-HEADER
// TOOLING-HEADER: no-defer.c:1:1: error: <cdefer.h> was read in its form for tools (CDEFER_TOOLING), whose defers never run, in a compile with the cdefer plugin; build the precompiled header that read it without -DCDEFER_TOOLING
// RUN: %cdefer -emit-ast %s -o %t/a.ast
// RUN: %cdefer -c %t/a.ast -o %t/from-ast.o
// RUN: %clang %t/from-ast.o %runtime -o %t/from-ast && %t/from-ast | FileCheck %s
#if defined(RUNTIME_ONLY)
#include "Inputs/pch-runtime.h"
static void recovers(void) {
  defer {
    const char *p = recover();
    printf("recovered: %s\n", p ? p : "nothing");
  }
  for (int i = 0; i < 2; i++)
    defer printf("loop %d\n", i);
  panic("boom");
}
int main(void) {
  defer puts("main: deferred");
  recovers();
  return 0;
}
// RUNTIME:      loop 1
// RUNTIME-NEXT: loop 0
// RUNTIME-NEXT: recovered: boom
// RUNTIME-NEXT: main: deferred
#elif defined(PLAIN)
#include <cdefer.h>
#include <stdio.h>
int main(void) {
  defer printf("main: deferred %d\n", plain_helper(1));
  return 0;
}
// PLAIN: main: deferred 2
#else
#include "Inputs/pch-header.h"

int main(void) {
  defer printf("main: deferred\n");
  return with_defers(helper(0)) - 1;
}
// CHECK:      header: body
// CHECK-NEXT: header: deferred 1
// CHECK-NEXT: main: deferred
#endif
