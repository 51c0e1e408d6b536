/*
 * panic.c - panic and recover, one or more frames deep (Go's
 * BenchmarkPanicRecover), for cdefer. panic.cpp is the C++ peer.
 */
#include <cdefer.h>

void check(int a, int b, int c);

__attribute__((noinline)) static void dive(int depth)
{
    if (depth <= 1)
        panic("bench");
    dive(depth - 1);
    check(depth, 0, 0); /* not a tail call: keeps the frame */
}

__attribute__((noinline)) int panic_recover(int depth)
{
    defer_result int recovered = 0;
    defer {
        if (recover())
            recovered = 1;
    }
    dive(depth);
    return 0;
}
