/* A program with a panic of its own, configured by its first lines: the
 * migrator puts <cdefer.h> after them, without the short names (panic,
 * recover...) that would take the program's own. */
#define _POSIX_C_SOURCE 200809L
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <stdlib.h>

static int panics;
static void panic(const char *why)
{
    panics++;
    printf("own panic: %s\n", why);
}

static int load(int x)
{
    int ret = -1;
    char *p = malloc(4);

    if (!p)
        goto out;
    if (x > 1) {
        panic("too big");
        goto out;
    }
    ret = x;
out:
    free(p);
    return ret;
}

/* Refused: the enum constant hides the variable the cleanup's return
 * reads (a return in the block would return 42). */
static int enum_shadowed(int x)
{
    int ret = -1;
    char *p = malloc(4);

    if (!p)
        goto out;
    {
        enum { ret = 42 };
        if (x == ret)
            goto out;
    }
    ret = 0;
out:
    free(p);
    return ret;
}

/* Refused too where the enum is declared in an expression (sizeof, a
 * cast, typeof, a condition): its constants are the block's all the same. */
static int enum_in_sizeof(int x)
{
    int ret = -1;
    char *p = malloc(4);

    if (!p)
        goto out;
    {
        unsigned long k = sizeof(enum { ret = 42 });
        if (x == (int)k)
            goto out;
    }
    ret = 0;
out:
    free(p);
    return ret;
}

/* Refused: the asm goto's jump to the cleanup cannot become a return
 * (the label was removed, and the file no longer compiled). */
static int asm_jumps(int x)
{
    int ret = -1;
    char *p = malloc(4);

    if (!p)
        goto out;
    asm goto("" :::: out);
    ret = x;
out:
    free(p);
    return ret;
}

int main(void)
{
    printf("%d %d\n", load(1), load(2));
    printf("%d\n", enum_shadowed(42));
    printf("%d\n", enum_in_sizeof(4));
    printf("%d\n", asm_jumps(3));
    printf("panics %d\n", panics);
    return 0;
}
