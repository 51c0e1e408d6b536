/*
 * scenarios.c - each benchmark scenario written once per C peer:
 *
 *   PEER_HAND     the cleanup written by hand: the physical limit
 *   PEER_C2Y      C2y _Defer (clang-22 -fdefer-ts): block scope
 *   PEER_CLEANUP  __attribute__((cleanup)): block scope, tied to a variable
 *   PEER_CDEFER   cdefer's defer (open-coded, or with
 *                 -fplugin-arg-cdefer-strategy=runtime, records)
 *
 * The block-scoped peers cannot defer to function exit from a loop; for
 * those scenarios they do the nearest thing (run at the end of each
 * iteration), and the report says so.
 */
#include <pthread.h>
#include <stdlib.h>

#ifdef PEER_CDEFER
#include <cdefer.h>
#endif

void check(int a, int b, int c);
int work(int a);
void lock(pthread_mutex_t *m);
void unlock(pthread_mutex_t *m);

struct args3 { int a, b, c; };
static void run_check(struct args3 *d) { check(d->a, d->b, d->c); }

/* 1. One deferred call with three int arguments and nothing else, as in
 * Go's BenchmarkDefer. */
__attribute__((noinline)) int defer_call(int a, int b, int c)
{
#if defined(PEER_HAND)
    check(a, b, c);
    return 0;
#elif defined(PEER_C2Y)
    _Defer check(a, b, c);
    return 0;
#elif defined(PEER_CLEANUP)
    __attribute__((cleanup(run_check))) struct args3 d = {a, b, c};
    return 0;
#else
    defer check(a, b, c);
    return 0;
#endif
}

/* 2. Ten defers registered in a loop, run at exit (Go's BenchmarkDefer10). */
__attribute__((noinline)) void defer10(int base)
{
#if defined(PEER_HAND)
    struct args3 pending[10];
    int n = 0;
    for (int i = 0; i < 10; i++)
        pending[n++] = (struct args3){base, i, 3};
    while (n > 0) {
        n--;
        check(pending[n].a, pending[n].b, pending[n].c);
    }
#elif defined(PEER_C2Y)
    for (int i = 0; i < 10; i++) {
        _Defer check(base, i, 3); /* nearest: runs at the end of each iteration */
    }
#elif defined(PEER_CLEANUP)
    for (int i = 0; i < 10; i++) {
        __attribute__((cleanup(run_check))) struct args3 d = {base, i, 3};
    }
#else
    for (int i = 0; i < 10; i++)
        defer check(base, i, 3);
#endif
}

/* 3. n pending defers in one frame (Go's BenchmarkDeferMany). Only peers
 * that can hold them: by hand (a growing array) and cdefer's records. */
__attribute__((noinline)) void defer_many(int n)
{
#if defined(PEER_HAND)
    struct args3 *pending = malloc(sizeof *pending * (size_t)n);
    for (int i = 0; i < n; i++)
        pending[i] = (struct args3){i, i + 1, i + 2};
    for (int i = n; i-- > 0;)
        check(pending[i].a, pending[i].b, pending[i].c);
    free(pending);
#elif defined(PEER_CDEFER)
    for (int i = 0; i < n; i++)
        defer check(i, i + 1, i + 2);
#else
    (void)n;
#endif
}

/* 4a. Eight conditional defers, the ones in `mask` reached. */
struct cond { int a; unsigned mask; };
static void run_conditional(struct cond *c)
{
    for (int i = 7; i >= 0; i--)
        if (c->mask & (1u << i))
            check(c->a, i, 3);
}

__attribute__((noinline)) int conditional(int a, unsigned mask)
{
#if defined(PEER_HAND)
    int r = work(a);
    for (int i = 7; i >= 0; i--)
        if (mask & (1u << i))
            check(a, i, 3);
    return r;
#elif defined(PEER_C2Y)
    /* Block-scoped: a conditional _Defer would run at the end of its if; the
     * nearest equivalent is one _Defer that tests the mask again at exit. */
    _Defer {
        for (int i = 7; i >= 0; i--)
            if (mask & (1u << i))
                check(a, i, 3);
    }
    return work(a);
#elif defined(PEER_CLEANUP)
    __attribute__((cleanup(run_conditional))) struct cond c = {a, mask};
    return work(a);
#else
    if (mask & 1) defer check(a, 0, 3);
    if (mask & 2) defer check(a, 1, 3);
    if (mask & 4) defer check(a, 2, 3);
    if (mask & 8) defer check(a, 3, 3);
    if (mask & 16) defer check(a, 4, 3);
    if (mask & 32) defer check(a, 5, 3);
    if (mask & 64) defer check(a, 6, 3);
    if (mask & 128) defer check(a, 7, 3);
    return work(a);
#endif
}

/* 4b. lock(); defer unlock(); */
static void run_unlock(pthread_mutex_t **m) { unlock(*m); }
__attribute__((noinline)) int critical(pthread_mutex_t *m, int a)
{
    lock(m);
#if defined(PEER_HAND)
    int r = work(a);
    unlock(m);
    return r;
#elif defined(PEER_C2Y)
    _Defer unlock(m);
    return work(a);
#elif defined(PEER_CLEANUP)
    __attribute__((cleanup(run_unlock))) pthread_mutex_t *held = m;
    return work(a);
#else
    defer unlock(m);
    return work(a);
#endif
}
