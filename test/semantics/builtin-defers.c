// A builtin that is not a library function (`__builtin_...`) is not a call
// in defer's sense: the whole expression, arguments too, is evaluated at
// exit. A library function, even one clang knows as a builtin (printf), is
// a call: its arguments are evaluated at the defer.
// RUN: %run-modes %s | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static void builtins(void) {
  int x = 1;
  defer __builtin_printf("__builtin_printf at exit: %d\n", x);
  defer printf("printf at the defer: %d\n", x);
  x = 2;
}
// CHECK:      printf at the defer: 1
// CHECK-NEXT: __builtin_printf at exit: 2

int main(void) {
  builtins();
  return 0;
}
