// A panic in deferred code on a normal exit, where the defers are ones
// every normal exit passes (their bits are not tested there, only in the
// unwinding copy): the deferred code that panicked does not run again,
// the deferred code before it still runs, a later recover sees the newest
// panic, and a defer whose statement the panic came before does not run.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/exit-panics.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

static void step(const char *what) { printf("%s\n", what); }

static void panics_on_exit(void) {
  defer step("panics_on_exit: first deferred");
  defer {
    step("panics_on_exit: second deferred panics");
    panic("in the exit sequence");
  }
  defer step("panics_on_exit: third deferred");
  step("panics_on_exit: body");
}

static void twice_on_exit(void) {
  defer step("twice_on_exit: first deferred");
  defer { panic("newer"); }
  defer { panic("older"); }
  step("twice_on_exit: body");
}

static void before_second_defer(int n) {
  defer step("before_second_defer: first deferred");
  if (n > 0)
    panic("before the second defer");
  defer step("before_second_defer: second deferred (never)");
  step("before_second_defer: body (never)");
}

static void catch_all(void (*f)(void), const char *name) {
  defer { printf("%s: recovered %s\n", name, show(recover())); }
  f();
}

static void call_before_second(void) { before_second_defer(1); }

int main(void) {
  catch_all(panics_on_exit, "panics_on_exit");
  catch_all(twice_on_exit, "twice_on_exit");
  catch_all(call_before_second, "before_second_defer");
  return 0;
}
// CHECK:      panics_on_exit: body
// CHECK-NEXT: panics_on_exit: third deferred
// CHECK-NEXT: panics_on_exit: second deferred panics
// CHECK-NEXT: panics_on_exit: first deferred
// CHECK-NEXT: panics_on_exit: recovered in the exit sequence
// CHECK-NEXT: twice_on_exit: body
// CHECK-NEXT: twice_on_exit: first deferred
// CHECK-NEXT: twice_on_exit: recovered newer
// CHECK-NEXT: before_second_defer: first deferred
// CHECK-NEXT: before_second_defer: recovered before the second defer
