/*
 * first-touch.c - the memory floor of scenario 3, linked with driver.c in
 * place of scenarios.c: defer_many(n) writes n three-int records into
 * memory the process has not touched yet (a fresh mapping per call) and
 * reads them back in reverse, with no defer mechanism at all. A peer that
 * keeps n pending defers in memory it has not used before pays at least
 * this; above about 10^5 records it is mostly the kernel's page faults.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

struct args3 { int a, b, c; };

void check(int a, int b, int c);

__attribute__((noinline)) void defer_many(int n)
{
    size_t bytes = sizeof(struct args3) * (size_t)n;
    struct args3 *r = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r == MAP_FAILED) {
        perror("first-touch: mmap");
        exit(1);
    }
    for (int i = 0; i < n; i++)
        r[i] = (struct args3){i, i + 1, i + 2};
    for (int i = n; i-- > 0;)
        check(r[i].a, r[i].b, r[i].c);
    munmap(r, bytes);
}
