// A C++ exception propagating through C functions with defers runs their
// deferred statements and continues to its catch; a panic passes through
// C++ frames, running their destructors, to a recover in C.
// RUN: %cdefer -c -O1 %s -o %t.c.o
// RUN: %cdefer -c -O1 -fplugin-arg-cdefer-strategy=runtime %s -o %t.rt.o
// RUN: %clang -x c++ -c -O1 %S/Inputs/cxx-frames.cpp -o %t.cxx.o
// RUN: %clang %t.c.o %t.cxx.o %runtime -lstdc++ -o %t
// RUN: %clang %t.rt.o %t.cxx.o %runtime -lstdc++ -o %t.rt
// RUN: %t | FileCheck %s
// RUN: %t.rt | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static int inner(void (*callback)(int), int value) {
  for (int i = 0; i < 2; i++)
    defer printf("inner: loop deferred %d\n", i);
  callback(value);
  return 0;
}

int c_with_defers(void (*callback)(int), int value) {
  defer printf("c_with_defers: deferred\n");
  return inner(callback, value) + 1;
}
// CHECK:      C++ destructor: thrower
// CHECK-NEXT: inner: loop deferred 1
// CHECK-NEXT: inner: loop deferred 0
// CHECK-NEXT: c_with_defers: deferred
// CHECK-NEXT: C++ caught: thrown from C++ with 7

void c_panics(void) {
  defer printf("c_panics: deferred\n");
  panic("through C++");
}

int c_recovers_through(void (*cxx)(void (*)(void)), void (*f)(void)) {
  defer_result int r = 0;
  defer {
    const char *v = recover();
    printf("c_recovers_through: recovered %s\n", v ? v : "nil");
    r = 42;
  }
  cxx(f);
  return 1;
}
// CHECK-NEXT: c_panics: deferred
// CHECK-NEXT: C++ destructor: frame the panic passes
// CHECK-NEXT: c_recovers_through: recovered through C++
// CHECK-NEXT: C recovered through C++, returned 42
