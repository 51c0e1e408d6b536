// A panic passes through frames of C compiled without the plugin, with or
// without -fexceptions (their cleanup attributes run only with it), to a
// recover in a frame compiled with the plugin.
// RUN: %clang -O1 -c %S/Inputs/plain-c.c -o %t.plain.o
// RUN: %clang -O1 -fexceptions -c %S/Inputs/plain-c.c -o %t.eh.o
// RUN: %cdefer -O1 -c %s -o %t.o
// RUN: %cdefer -O1 -fplugin-arg-cdefer-strategy=runtime -c %s -o %t.rt.o
// RUN: %clang %t.o %t.plain.o %runtime -o %t.a && %t.a | FileCheck %s --check-prefixes=CHECK,PLAIN
// RUN: %clang %t.rt.o %t.plain.o %runtime -o %t.b && %t.b | FileCheck %s --check-prefixes=CHECK,PLAIN
// RUN: %clang %t.o %t.eh.o %runtime -o %t.c && %t.c | FileCheck %s --check-prefixes=CHECK,EH
// RUN: %clang %t.rt.o %t.eh.o %runtime -o %t.d && %t.d | FileCheck %s --check-prefixes=CHECK,EH
#include <cdefer.h>
#include <stdio.h>

void plain_c_calls(void (*f)(void));

static void fails(void) {
  defer printf("fails: deferred\n");
  panic("through plain C");
}

static int outer(void) {
  defer_result int r = 0;
  for (int i = 0; i < 2; i++)
    defer printf("outer: loop deferred %d\n", i);
  defer {
    const char *v = recover();
    printf("outer: recovered %s\n", v ? v : "nil");
    r = 5;
  }
  plain_c_calls(fails);
  return 1;
}

int main(void) {
  printf("outer returned %d\n", outer());
  return 0;
}
// CHECK:      fails: deferred
// PLAIN-NOT:  plain C cleanup attribute
// EH-NEXT:    plain C cleanup attribute: 7
// CHECK-NEXT: outer: recovered through plain C
// CHECK-NEXT: outer: loop deferred 1
// CHECK-NEXT: outer: loop deferred 0
// CHECK-NEXT: outer returned 5
// CHECK-NOT:  not reached
