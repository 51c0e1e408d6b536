// A landing pad of a call that pushed arguments on the stack (a deferred
// block that names eight variables becomes a function with eight pointer
// parameters, two of them on the stack at -O2): the unwinder must pop them
// as it lands there (DW_CFA_GNU_args_size), as libgcc does. The fast
// unwinder once left them, and the landing pad crashed.
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/stack-arguments.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: env CDEFER_UNWINDER=libgcc %run-modes %s > %t.libgcc.out
// RUN: diff %t.go.out %t.libgcc.out
#include <cdefer.h>
#include <stdio.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

/* A records frame (a defer in a loop) whose deferred block names eight of
 * its variables: the block's outlined function takes eight pointers, two of
 * them pushed on the stack. */
static void f(int a, int b) {
    int c = 3, d = 4, e = 5, h = 6, k = 7;
    for (int i = 0; i < 1; i++) {
        defer {
            defer printf("deferred %d %d %d %d %d %d %d %d\n", a, b, c, d, e, h, k, i);
            defer printf("deferred %d %d %d %d %d %d %d %d\n", k, a, b, c, d, e, h, i);
            if (b)
                panic("from deferred code");
        }
    }
    if (a)
        panic("first");
}

static void catching(int a, int b) {
    defer { printf("recovered: %s\n", show(recover())); }
    f(a, b);
}

int main(void) {
    catching(0, 0);
    catching(1, 1);
    printf("main goes on\n");
    return 0;
}
