// A defer inside a deferred block runs when that block ends, last deferred
// first, as a defer inside Go's deferred function literal does: under both
// strategies, on normal exits and during panics, including a panic that the
// inner deferred code raises or recovers. Each case has a Go twin.
// RUN: %run-modes %s > %t.c.out
// RUN: %go run %S/Inputs/defer-in-deferred.go > %t.go.out
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdio.h>

static void say(const char *s, int n) { printf("%s %d\n", s, n); }

// The block's own defers run at its end, LIFO, loop defers included; the
// block still reads and writes the function's variables (the result too).
static int ends_with_the_block(int n) {
  defer_result int r = 0;
  defer say("outer, runs last", n);
  defer {
    defer say("block's defer, at the block's end", n);
    for (int i = 0; i < 2; i++)
      defer say("block's loop defer", i);
    say("block body", n);
    r += 10;
  }
  say("body", n);
  r = n;
  return r;
}
// CHECK:      body 3
// CHECK-NEXT: block body 3
// CHECK-NEXT: block's loop defer 1
// CHECK-NEXT: block's loop defer 0
// CHECK-NEXT: block's defer, at the block's end 3
// CHECK-NEXT: outer, runs last 3
// CHECK-NEXT: result 13

// Three levels deep.
static void nested(void) {
  defer {
    defer {
      defer say("innermost", 3);
      say("middle", 2);
    }
    say("outer block", 1);
  }
}
// CHECK-NEXT: outer block 1
// CHECK-NEXT: middle 2
// CHECK-NEXT: innermost 3

// A panic in the body: the deferred block runs during the panic, its own
// defers too, and recover() directly in the block stops it.
static int recovers_in_the_block(void) {
  defer_result int r = 1;
  defer {
    defer say("block's defer during the panic", 0);
    if (recover()) {
      say("recovered in the block", 0);
      r = -1;
    }
  }
  panic("in the body");
  return r;
}
// CHECK-NEXT: recovered in the block 0
// CHECK-NEXT: block's defer during the panic 0
// CHECK-NEXT: result -1

// recover() in the block's own deferred block is not called by the
// panic's deferred code, but by the block's end: it returns nil (Go).
static void inner_recover_is_too_deep(void) {
  defer {
    if (recover())
      say("the outer block recovers", 0);
  }
  defer {
    defer {
      say(recover() ? "inner recovered" : "inner recover: nil", 0);
    }
  }
  panic("too deep");
}
// CHECK-NEXT: inner recover: nil 0
// CHECK-NEXT: the outer block recovers 0

// The block panics after its defer: that defer runs, then the function's
// other deferred code, and the caller's recover stops the panic.
static void block_panics(void) {
  defer say("function's other defer", 0);
  defer {
    defer say("block's defer", 1);
    panic("in the block");
  }
}
// CHECK-NEXT: block's defer 1
// CHECK-NEXT: function's other defer 0
// CHECK-NEXT: caller recovered: in the block

// The block's deferred code raises a panic and recovers it itself; the
// function's own panic, which the block was running for, goes on.
static void inner_code_panics(void) {
  defer {
    defer {
      if (recover())
        say("inner deferred code recovered its own panic", 0);
    }
    panic("raised in deferred code");
  }
  panic("first");
}
// CHECK-NEXT: inner deferred code recovered its own panic 0
// CHECK-NEXT: caller recovered: first

// Variables of inner blocks and loop iterations stay theirs.
static void per_iteration(void) {
  for (int i = 0; i < 2; i++) {
    int twice = 2 * i;
    defer {
      defer say("block's defer sees", twice);
      say("iteration", i);
    }
  }
}
// CHECK-NEXT: iteration 1
// CHECK-NEXT: block's defer sees 2
// CHECK-NEXT: iteration 0
// CHECK-NEXT: block's defer sees 0

// After a label, C gives the `defer` to the label: the block is found there.
static void labeled(int n) {
  if (n > 1)
    goto again;
again:
  defer {
    defer say("labeled block's defer", n);
  }
}
// CHECK-NEXT: labeled block's defer 2

// Overloadable functions share their name; their blocks' functions must
// not (clang reported two definitions with the same mangled name).
__attribute__((overloadable)) static void overloaded(int x) {
  defer {
    defer say("overloaded(int) block's defer", x);
    say("overloaded(int) block", x);
  }
}
__attribute__((overloadable)) static void overloaded(double x) {
  defer {
    defer say("overloaded(double) block's defer", (int)x);
    say("overloaded(double) block", (int)x);
  }
}
// CHECK-NEXT: overloaded(int) block 5
// CHECK-NEXT: overloaded(int) block's defer 5
// CHECK-NEXT: overloaded(double) block 6
// CHECK-NEXT: overloaded(double) block's defer 6

static void catching(void (*f)(void)) {
  defer {
    const char *why = recover();
    if (why)
      printf("caller recovered: %s\n", why);
  }
  f();
}

int main(void) {
  printf("result %d\n", ends_with_the_block(3));
  nested();
  printf("result %d\n", recovers_in_the_block());
  inner_recover_is_too_deep();
  catching(block_panics);
  catching(inner_code_panics);
  per_iteration();
  labeled(2);
  overloaded(5);
  overloaded(6.0);
  return 0;
}
