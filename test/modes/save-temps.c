// The IR pass runs wherever the plugin's IR is compiled: cdefer-cc (and the
// CMake and pkg-config flags) also load the plugin as a pass plugin, so
// -save-temps and bitcode compiled on its own work. A build that skips the
// pass fails at link time with a message that names the fix.
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %cdefer-cc -save-temps %s -o prog && ./prog | FileCheck %s
// RUN: %cdefer -c -emit-llvm -Xclang -disable-llvm-passes %s -o %t.bc
// RUN: %clang -fpass-plugin=%plugin -c %t.bc -o %t.o
// RUN: %clang %t.o %runtime -o %t && %t | FileCheck %s
// RUN: not %cdefer -save-temps %s %runtime -o bad 2>&1 | FileCheck %s --check-prefix=FIX
// CHECK:      body
// CHECK-NEXT: deferred
// FIX: undefined reference to `__cdefer_exit_mark: cdefer's IR pass did not run on this code; compile it with -fpass-plugin=<prefix>/lib/cdefer/cdefer.so as well as -fplugin (cdefer-cc does)'
#include <cdefer.h>
#include <stdio.h>

int main(void) {
  defer printf("deferred\n");
  printf("body\n");
  return 0;
}
