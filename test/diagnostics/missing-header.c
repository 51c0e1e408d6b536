// With the plugin loaded but <cdefer.h> forgotten, the error says what to
// add (it used to say only "use of undeclared identifier 'defer'"); with
// -DCDEFER_TOOLING as well as the plugin, cdefer.h stops the build, since
// the program would run its deferred statements in place.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: not %cdefer -fsyntax-only -DCDEFER_TOOLING -DWITH_HEADER %s 2>&1 | FileCheck %s --check-prefix=TOOLING
// TOOLING: error: "cdefer.h: CDEFER_TOOLING is for tools that parse the code without the cdefer plugin; with the plugin loaded, drop -DCDEFER_TOOLING
#ifdef WITH_HEADER
#include <cdefer.h>
#endif
#include <stdio.h>

int main(void) {
#ifndef WITH_HEADER
  // expected-error@+2 {{'defer' comes from <cdefer.h>: add '#include <cdefer.h>'}}
  // expected-error@+1 {{use of undeclared identifier 'defer'}}
  defer printf("x\n");
#endif
  return 0;
}
