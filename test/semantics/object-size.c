// A deferred call's argument for a pass_object_size parameter gets the
// size of what it names, as the call made where the defer stands would,
// under both strategies, for an array, an object's address, and either plus
// an offset that is the same at exit (`buf + 3`, `&buf[n]`): records kept
// the pointer in the record, and the size clang passes with a copy is
// unknown (-1; open-coded said 10).
// ASan's stack instrumentation hides a dynamic offset's size at -O0,
// with or without defer.
// UNSUPPORTED: sanitize
// RUN: %run-modes %s | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static void size(char *const p __attribute__((pass_object_size(0)))) {
  printf("size %zu\n", __builtin_object_size(p, 0));
}

static void dynamic_size(char *const p
                         __attribute__((pass_dynamic_object_size(0)))) {
  printf("dynamic size %zu\n", __builtin_dynamic_object_size(p, 0));
}

// CHECK:      size 10
// CHECK-NEXT: dynamic size 16
// CHECK-NEXT: dynamic size 16
// CHECK-NEXT: dynamic size 16
// CHECK-NEXT: dynamic size 14
// CHECK-NEXT: size 7
// CHECK-NEXT: size 10
int main(int argc, char **argv) {
  (void)argv;
  char buf[10];
  char wide[16];
  int n = argc + 1;
  size(buf);
  defer size(buf);
  defer size(buf + 3);
  defer dynamic_size(&wide[n]);
  defer dynamic_size(wide);
  for (int i = 0; i < 2; i++)
    defer dynamic_size(wide);
  return 0;
}
