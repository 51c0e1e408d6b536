// A <cdefer.h> of another ABI version than the plugin's is an error at the
// first defer, naming both versions; a runtime of another ABI version does
// not link, since every runtime symbol the generated code uses carries the
// version (__cdefer_v1_...).
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -c -DGOOD %s -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=SYMBOLS
// SYMBOLS: U __cdefer_v1_unwind_finish
#ifdef GOOD
#include <cdefer.h>
#else
enum { __cdefer_abi_version = 99 };
#endif

void use(int);

void f(void) {
  __attribute__((cdefer)) use(1); // expected-error {{<cdefer.h> is for cdefer ABI version 99, and this plugin generates code for version 1; include the <cdefer.h> installed with this plugin}}
  use(2);
}
