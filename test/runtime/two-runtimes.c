// Two copies of the runtime in one process (each shared object linked with
// -Bsymbolic-functions has its own): a panic that one raises cannot be
// recovered in the other's frames. That is an error that says so, not a
// silent NULL from recover() and a panic report that does not say why.
// What the program wrote before is written out first (stdout, fully
// buffered in a file here, was lost).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cdefer-cc -O2 -shared -fPIC -Wl,-Bsymbolic-functions %S/Inputs/copy-panics.c -o %t/libpanics.so
// RUN: %cdefer-cc -O2 -shared -fPIC -Wl,-Bsymbolic-functions %S/Inputs/copy-recovers.c -o %t/librecovers.so
// RUN: %clang %s -L%t -lpanics -lrecovers -Wl,-rpath,%t -o %t/main
// RUN: not --crash %t/main > %t/out 2> %t/err
// RUN: FileCheck %s --check-prefix=OUT < %t/out
// RUN: FileCheck %s < %t/err
// OUT: copy: deferred ran
// CHECK: cdefer: a panic of another copy of the cdefer runtime reached this one; the program and its shared objects must share one runtime: link them against libcdefer.so
#include <stdio.h>

void copy_panics(void);
int copy_recovers(void (*f)(void));

int main(void) {
  printf("recovered: %d\n", copy_recovers(copy_panics));
  return 0;
}
