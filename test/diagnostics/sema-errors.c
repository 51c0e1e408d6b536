// Code that Sema rejects for its own reasons is skipped, not lowered: the
// plugin reports nothing of its own about it and never crashes clang.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=runtime -Xclang -verify %s
#include <cdefer.h>

void use(int);

int f(int n) {
  defer use(undeclared); // expected-error {{use of undeclared identifier 'undeclared'}}
  defer { use(n) }        // expected-error {{expected ';' after expression}}
  for (int i = 0; i < n; i++)
    defer use(i, i);      // expected-error {{too many arguments to function call}}
                          // expected-note@7 {{'use' declared here}}
  defer use(1)            // expected-error {{expected ';' after expression}}
  return missing;         // expected-error {{use of undeclared identifier 'missing'}}
}

struct s { int a; };
int g(struct s v) {
  defer_result struct s r = v; // expected-error {{'defer_result' variable has type 'struct s' but the function returns 'int'; they must be the same type}}
  defer r.b = 1;               // expected-error {{no member named 'b' in 'struct s'}}
  return 0;
}
