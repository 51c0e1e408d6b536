// recover() knows which deferred call it is in by a token the plugin passes
// it, never by the shape of the stack: the rules hold whatever the
// optimizer inlines or turns into a tail call, and on every target.
// RUN: env CDEFER_MODES='-O0;-O1;-O2;-O3;-Os;-Oz' %run-modes %s \
// RUN:   %S/Inputs/recover-helper.c > %t.c.out
// RUN: %go-oracle %S/Inputs/recover-identity.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
// With link-time optimization the other file's helpers are inlined too.
// RUN: env CDEFER_MODES='-O0 -flto -fuse-ld=lld;-O2 -flto -fuse-ld=lld' \
// RUN:   %run-modes %s %S/Inputs/recover-helper.c > %t.lto.out
// RUN: diff %t.go.out %t.lto.out
// On aarch64 (test/panic/recover-aarch64.test) the same program gives the
// same output.
#include <cdefer.h>
#include <stdio.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

// The call to recover is a tail call at -O2 (`jmp`), which used to hide the
// helper's frame from a stack-pointer check.
static void ignore(void) { recover(); }

static void tail_call_helper(void) {
  defer printf("tail_call_helper: deferred after the recovery\n");
  defer ignore();
  panic("tail");
}
// CHECK:      tail_call_helper: deferred after the recovery
// CHECK-NEXT: tail_call_helper returned

// k is the deferred call; its own deferred code runs when k returns
// normally, and is not itself run by the panic: its recovers return nil.
static void k_deferred(void) {
  printf("k's call-form defer: %s\n", show(recover()));
}
static void k(void) {
  defer { printf("k's deferred block: %s\n", show(recover())); }
  defer k_deferred();
}
static void own_defers_of_deferred_call(void) {
  defer { printf("outer block: %s\n", show(recover())); }
  defer k();
  panic("own");
}
// CHECK-NEXT: k's call-form defer: nil
// CHECK-NEXT: k's deferred block: nil
// CHECK-NEXT: outer block: own

// A function a deferred block calls is one call too deep, even when all it
// does is return recover()'s value (a tail call).
static void *pass_through(void) { return recover(); }
static void block_helper(void) {
  defer { printf("block_helper outer: %s\n", show(recover())); }
  defer { printf("block_helper via helper: %s\n", show(pass_through())); }
  panic("block");
}
// CHECK-NEXT: block_helper via helper: nil
// CHECK-NEXT: block_helper outer: block

// h is the deferred call and k2 recovers: too deep, even once h is inlined.
static void k2(void) { printf("k2: %s\n", show(recover())); }
static void h(void) { k2(); }
static void inlined_intermediate(void) {
  defer { printf("inlined_intermediate outer: %s\n", show(recover())); }
  defer h();
  panic("inline");
}
// CHECK-NEXT: k2: nil
// CHECK-NEXT: inlined_intermediate outer: inline

// The same across files: with -flto, helpers of another file are inlined.
void other_file_recovers(void);
void other_file_calls_recoverer(void);
static void across_files(void) {
  defer { printf("across_files outer: %s\n", show(recover())); }
  defer other_file_calls_recoverer();
  defer other_file_recovers();
  panic("lto");
}
// CHECK-NEXT: other_file_recovers: lto
// CHECK-NEXT: other_file_calls_recoverer: nil
// CHECK-NEXT: across_files outer: nil

// A variable-length array in the deferred block moves the stack pointer.
static void vla_in_block(int n) {
  defer {
    char buffer[n];
    buffer[0] = 'x';
    printf("vla_in_block: %s %c\n", show(recover()), buffer[0]);
  }
  panic("vla");
}
// CHECK-NEXT: vla_in_block: vla x

// A deferred call that recovers directly, reached through a pointer.
// CHECK-NEXT: through_pointer returned
static void (*volatile recoverer)(void) = ignore;
static void through_pointer(void) {
  defer recoverer();
  panic("pointer");
}

// recover() in a call-form defer's arguments runs at the defer, in the body
// of the function: it recovers when that function is itself the deferred
// call the panic runs.
static void argument_at_defer(void) {
  defer printf("argument_at_defer: %s\n", show(recover()));
}
static void recover_in_arguments(void) {
  defer argument_at_defer();
  panic("argument");
}
// CHECK:      argument_at_defer: argument

// `defer recover();`: recover is the deferred call itself, not called by
// one, so it recovers nothing (as in Go).
static void recover_deferred_directly(void) {
  defer { printf("recover_deferred_directly: outer %s\n", show(recover())); }
  defer recover();
  panic("direct");
}
// CHECK-NEXT: recover_deferred_directly: outer direct

// In a function that the panic runs as deferred code, `defer recover();` is
// that function's own recover() at its exit: it stops the panic (Go's
// argument pointer check says the same). In a deferred block that has
// defers of its own, and in a deferred function.
static void recovers_at_its_exit(void) { defer recover(); }
static void deferred_recover_in_block(void) {
  defer { printf("deferred_recover_in_block: outer %s\n", show(recover())); }
  defer {
    defer recover();
  }
  panic("block");
}
static void deferred_recover_in_call(void) {
  defer { printf("deferred_recover_in_call: outer %s\n", show(recover())); }
  defer recovers_at_its_exit();
  panic("call");
}
// CHECK-NEXT: deferred_recover_in_block: outer nil
// CHECK-NEXT: deferred_recover_in_call: outer nil

// Once a newer panic, raised in such a function's own deferred code, is
// recovered there, the function's remaining deferred code runs for the
// older panic again: its `defer recover();` stops that one.
static void stops(void) { printf("stops %s\n", show(recover())); }
static void recovers_older(void) {
  defer printf("recovers_older: last\n");
  defer recover();
  defer stops();
  defer { panic("newer"); }
}
static void older_after_newer(void) {
  defer { printf("older_after_newer: outer %s\n", show(recover())); }
  defer recovers_older();
  panic("older");
}
// CHECK-NEXT: stops newer
// CHECK-NEXT: recovers_older: last
// CHECK-NEXT: older_after_newer: outer nil

int main(void) {
  tail_call_helper();
  printf("tail_call_helper returned\n");
  own_defers_of_deferred_call();
  block_helper();
  inlined_intermediate();
  across_files();
  vla_in_block(4);
  through_pointer();
  printf("through_pointer returned\n");
  recover_in_arguments();
  recover_deferred_directly();
  deferred_recover_in_block();
  deferred_recover_in_call();
  older_after_newer();
  return 0;
}
