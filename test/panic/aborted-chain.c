// Deferred code that panics while a panic runs it replaces that panic, in a
// frame whose deferred code cannot recover as well (its landing pads do not
// tell the runtime they landed: pass/OwnLandPass.cpp). Once the newest
// panic is recovered, every panic it replaced is gone: a later uncaught
// panic reports only its own chain, as Go's does.
// RUN: %expect-status 2 %run-modes %s -DCASE=1 > %t.1.out 2> %t.1.err
// RUN: %go-oracle %S/Inputs/aborted-chain-1.go %t.go1
// RUN: diff %t.go1.out %t.1.out && diff %t.go1.err %t.1.err
// RUN: %expect-status 2 %run-modes %s -DCASE=2 > %t.2.out 2> %t.2.err
// RUN: %go-oracle %S/Inputs/aborted-chain-2.go %t.go2
// RUN: diff %t.go2.out %t.2.out && diff %t.go2.err %t.2.err
#include <cdefer.h>
#include <stdio.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

#if CASE == 1
// The panics come from deferred calls of functions whose own deferred code
// panics.
static void thrower(int n) {
  defer { panicf("p%d", n); }
}

static void three(int k) {
  defer thrower(k + 1);
  defer thrower(k + 2);
  defer thrower(k + 3);
}
#else
// The panics come from deferred blocks of the frame itself.
static void three(int k) {
  defer { panicf("p%d", k + 1); }
  defer { panicf("p%d", k + 2); }
  defer { panicf("p%d", k + 3); }
}
#endif

static void catching(void) {
  defer { printf("recovered %s\n", show(recover())); }
  three(0);
}

int main(void) {
  catching();
  three(10);
}
