/*
 * first-touch.c - the memory floor of scenario 3: writing n three-int
 * records into memory the process has not touched yet and reading them
 * back in reverse, with no defer mechanism at all. Every peer that keeps n
 * pending defers pays at least this; above about 10^5 records it is
 * mostly the kernel's page faults.
 *
 *   first-touch defer_many ITERATIONS N   (the driver's interface)
 *
 * Prints nanoseconds per record and peak memory per record, like the
 * driver's defer_many.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>

struct args3 { int a, b, c; };

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

/* Fresh pages every time, as a process's first run of the scenario gets. */
static long touch(long n)
{
    size_t bytes = sizeof(struct args3) * (size_t)n;
    struct args3 *r = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r == MAP_FAILED) {
        perror("first-touch: mmap");
        exit(1);
    }
    for (long i = 0; i < n; i++)
        r[i] = (struct args3){(int)i, (int)i + 1, (int)i + 2};
    long sum = 0;
    for (long i = n; i-- > 0;)
        sum += r[i].a + r[i].b + r[i].c;
    munmap(r, bytes);
    return sum;
}

int main(int argc, char **argv)
{
    if (argc != 4 || strcmp(argv[1], "defer_many") != 0) {
        fprintf(stderr, "usage: first-touch defer_many ITERATIONS N\n");
        return 2;
    }
    long iters = atol(argv[2]), n = atol(argv[3]);
    long rss_before = max_rss_kib();
    volatile long sink = 0;
    double start = now_ns();
    for (long i = 0; i < iters; i++)
        sink += touch(n);
    double per = (now_ns() - start) / ((double)iters * (double)n);
    double bytes = (double)(max_rss_kib() - rss_before) * 1024 / (double)n;
    printf("%.3f %.1f\n", per, bytes);
    return 0;
}
