// A record-based defer in a file that does not include <cdefer.h> gets an
// error saying what to include, not a crash.
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=runtime -Xclang -verify %s
void use(int);

void f(void) {
  __attribute__((cdefer)) use(1); // expected-error {{this code needs the cdefer runtime declaration '__cdefer_abi_version'; add '#include <cdefer.h>'}}
}
