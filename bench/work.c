/*
 * work.c - what the benchmarked functions call, compiled apart from them
 * (no LTO) so that the optimizer cannot fold the calls away.
 */
#include <pthread.h>

/* Per thread: a shared one would bounce between cores in scenario 6. */
static _Thread_local volatile long bench_sink;

__attribute__((noinline)) void check(int a, int b, int c)
{
    bench_sink += a + b + c;
}

__attribute__((noinline)) int work(int a)
{
    return a + (int)bench_sink;
}

__attribute__((noinline)) void lock(pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
}

__attribute__((noinline)) void unlock(pthread_mutex_t *m)
{
    pthread_mutex_unlock(m);
}
