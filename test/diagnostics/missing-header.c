// With the plugin loaded but <cdefer.h> forgotten, the error says what to
// add (it used to say only "use of undeclared identifier 'defer'"); with
// -DCDEFER_TOOLING as well as the plugin, cdefer.h stops the build, since
// the program would run its deferred statements in place.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// A program without <cdefer.h> may declare these names for itself (Lua's
// headers have a field `panic` and a parameter `panicf`): only a use of an
// undeclared one gets the hint. Declaring them was an error, and such
// programs did not build with the plugin.
// RUN: %cdefer -fsyntax-only -Wall -Werror -DOWN_NAMES %s
// With the header included, a name an #undef or CDEFER_NO_SHORT_NAMES took
// away is not called a missing header (it was).
// RUN: %cdefer -fsyntax-only -Xclang -verify=removed -DWITH_HEADER -DREMOVED %s
// RUN: not %cdefer -fsyntax-only -DCDEFER_TOOLING -DWITH_HEADER %s 2>&1 | FileCheck %s --check-prefix=TOOLING
// TOOLING: error: "cdefer.h: CDEFER_TOOLING is for tools that parse the code without the cdefer plugin; with the plugin loaded, drop -DCDEFER_TOOLING
#ifdef REMOVED
#define CDEFER_NO_SHORT_NAMES
#endif
#ifdef WITH_HEADER
#include <cdefer.h>
#endif
#ifdef REMOVED
#undef defer
void removed(void) {
  // removed-error@+2 {{'defer' is not defined here, though <cdefer.h> is included: an '#undef defer' or CDEFER_NO_SHORT_NAMES took it away; write '__attribute__((cdefer))'}}
  // removed-error@+1 {{use of undeclared identifier 'defer'}}
  defer printf("x\n");
  // removed-error@+2 {{'panic' is not defined here, though <cdefer.h> is included: an '#undef panic' or CDEFER_NO_SHORT_NAMES took it away; write 'cdefer_panic'}}
  // removed-error@+1 {{call to undeclared function 'panic'}}
  panic("x");
}
#endif
#include <stdio.h>

#ifdef OWN_NAMES
struct state { int (*panic)(struct state *); };
void set_panic(int (*panicf)(struct state *));
int recover, defer, defer_result;
static void panic_value(int x) { (void)x; }
int use_names(struct state *s) {
  panic_value(recover);
  return s->panic(s) + defer + defer_result;
}
#endif

int main(void) {
#if !defined(WITH_HEADER) && !defined(OWN_NAMES)
  // expected-error@+2 {{'defer' comes from <cdefer.h>: add '#include <cdefer.h>'}}
  // expected-error@+1 {{use of undeclared identifier 'defer'}}
  defer printf("x\n");
#endif
  return 0;
}
