/*
 * driver.c - runs one scenario of scenarios.c (or panic.c) and prints its
 * cost: nanoseconds per operation, and for defer_many the peak memory per
 * pending defer.
 *
 *   driver SCENARIO ITERATIONS [PARAM]
 *
 * SCENARIO: defer_call, defer10, defer_many (PARAM: pending defers),
 * conditional, critical, defer10_threads (PARAM: threads), panic (PARAM:
 * frames deep). An "operation" is one call of the scenario's function,
 * except for defer_many and defer10_threads: one defer.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Weak: a driver is linked with scenarios.c or with panic.c. */
__attribute__((weak)) int defer_call(int a, int b, int c);
__attribute__((weak)) void defer10(int base);
__attribute__((weak)) void defer_many(int n);
__attribute__((weak)) int conditional(int a, unsigned mask);
__attribute__((weak)) int critical(pthread_mutex_t *m, int a);
__attribute__((weak)) int panic_recover(int depth);

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static long max_rss_kib(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

struct thread_job {
    long iterations;
    double ns;
};

static void *run_defer10(void *arg)
{
    struct thread_job *job = arg;
    double start = now_ns();
    for (long i = 0; i < job->iterations; i++)
        defer10((int)i);
    job->ns = now_ns() - start;
    return NULL;
}

static double threads(long iterations, int n)
{
    pthread_t t[64];
    struct thread_job jobs[64];
    for (int i = 0; i < n; i++) {
        jobs[i].iterations = iterations;
        pthread_create(&t[i], NULL, run_defer10, &jobs[i]);
    }
    double worst = 0;
    for (int i = 0; i < n; i++) {
        pthread_join(t[i], NULL);
        if (jobs[i].ns > worst)
            worst = jobs[i].ns;
    }
    return worst / ((double)iterations * 10); /* per defer, per thread */
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: driver SCENARIO ITERATIONS [PARAM]\n");
        return 2;
    }
    const char *s = argv[1];
    long n = atol(argv[2]);
    long param = argc > 3 ? atol(argv[3]) : 0;
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    long rss_before = max_rss_kib();
    double start = now_ns();
    double per_op;
    if (strcmp(s, "defer_call") == 0) {
        for (long i = 0; i < n; i++)
            defer_call((int)i, 2, 3);
    } else if (strcmp(s, "defer10") == 0) {
        for (long i = 0; i < n; i++)
            defer10((int)i);
    } else if (strcmp(s, "defer_many") == 0) {
        for (long i = 0; i < n; i++)
            defer_many((int)param);
    } else if (strcmp(s, "conditional") == 0) {
        static const unsigned masks[4] = {0x05, 0x22, 0x81, 0x18};
        for (long i = 0; i < n; i++)
            conditional((int)i, masks[i & 3]);
    } else if (strcmp(s, "critical") == 0) {
        for (long i = 0; i < n; i++)
            critical(&m, (int)i);
    } else if (strcmp(s, "panic") == 0) {
        for (long i = 0; i < n; i++)
            panic_recover((int)param);
    } else if (strcmp(s, "defer10_threads") == 0) {
        printf("%.3f\n", threads(n, (int)param));
        return 0;
    } else {
        fprintf(stderr, "driver: unknown scenario %s\n", s);
        return 2;
    }
    double total = now_ns() - start;
    if (strcmp(s, "defer_many") == 0) {
        per_op = total / ((double)n * (double)param);
        double bytes = (double)(max_rss_kib() - rss_before) * 1024 / param;
        printf("%.3f %.1f\n", per_op, bytes);
        return 0;
    }
    per_op = total / (double)n;
    printf("%.3f\n", per_op);
    return 0;
}
