// Calls where a panic finds no deferred code of the frame left to run keep
// no landing pad (pass/PendingDefers.h): a call before the first defer, and
// the last deferred call. The panic passes such a frame by, and everything
// else is as Go has it: the caller's deferred code recovers it, a panic in
// the last deferred call replaces the panic that ran it, and a last
// deferred call that recovers still makes its frame return normally.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/no-pending.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

static void boom(const char *why) { panic(why); }
static void say(const char *what) { printf("%s\n", what); }

static int before_first_defer(int n) {
  boom("before the first defer");
  defer say("never: not yet deferred");
  return n;
}

static void in_last_deferred(void) {
  defer boom("in the last deferred call");
  say("in_last_deferred: body done");
}

static void replaces_running_panic(void) {
  defer boom("second");
  defer say("replaces_running_panic: first deferred runs");
  boom("first");
}

static void catcher(void) {
  printf("catcher: recovered %s\n", show(recover()));
}

static int last_deferred_recovers(void) {
  defer catcher();
  boom("caught by the last deferred call");
  return 1;
}

static void loop_before_defers(int n) {
  boom("before a loop of defers");
  for (int i = 0; i < n; i++)
    defer say("never: loop defer");
}

static void run(const char *name, void (*f)(void)) {
  defer { printf("%s: caller recovered %s\n", name, show(recover())); }
  f();
}

static void call_before_first(void) { before_first_defer(1); }
static void call_loop(void) { loop_before_defers(3); }

int main(void) {
  run("before_first_defer", call_before_first);
  run("in_last_deferred", in_last_deferred);
  run("replaces_running_panic", replaces_running_panic);
  printf("last_deferred_recovers returned %d\n", last_deferred_recovers());
  run("loop_before_defers", call_loop);
  return 0;
}
// CHECK:      before_first_defer: caller recovered before the first defer
// CHECK-NEXT: in_last_deferred: body done
// CHECK-NEXT: in_last_deferred: caller recovered in the last deferred call
// CHECK-NEXT: replaces_running_panic: first deferred runs
// CHECK-NEXT: replaces_running_panic: caller recovered second
// CHECK-NEXT: catcher: recovered caught by the last deferred call
// CHECK-NEXT: last_deferred_recovers returned 0
// CHECK-NEXT: loop_before_defers: caller recovered before a loop of defers
