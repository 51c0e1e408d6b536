// A deferred block with defers of its own becomes a function that reaches
// the enclosing function's variables through pointers. A block nested in
// such a block gets the same pointer passed on, not a pointer to it: each
// level of nesting used to add a `*` to every use below it, and the AST
// grew with the cube of the depth (500 levels took minutes to compile).
// RUN: %cdefer -fsyntax-only -Xclang -ast-print %s | FileCheck %s
// The same nesting 400 levels deep, compiled and run.
// RUN: python3 %S/Inputs/deep-blocks.py 400 > %t.c
// RUN: %cdefer %t.c %runtime -o %t && %t | FileCheck %s --check-prefix=DEEP
#include <cdefer.h>

void use(int);

void f(int x) {
  defer {
    defer {
      defer use(x);
      x++;
    }
    use(x);
  }
  x = 2;
}
// CHECK:      static void __cdefer_deferred___cdefer_deferred_f_0_0(__size_t __cdefer_token, int *__cdefer_x) {
// CHECK:        __cdefer_s0_arg0 = (*__cdefer_x);
// CHECK:        (*__cdefer_x)++;
// CHECK:      static void __cdefer_deferred_f_0(__size_t __cdefer_token, int *__cdefer_x) {
// CHECK:        use((*__cdefer_x));
// CHECK:        __cdefer_deferred___cdefer_deferred_f_0_0(0UL, __cdefer_x);
// CHECK:      void f(int x) {
// CHECK:        __cdefer_deferred_f_0(0UL, &x);
// DEEP: 400
