/* The opening of a file as the include's placement must read it: dead
 * code, a comment that a directive's line opens, and a commented-out
 * include, a // comment a backslash carries on (the header went into the
 * comments, and the file no longer compiled). */
#if 0
notes that are no code
#endif
#define _GNU_SOURCE
#include "config.h"
#include <stdio.h>
#include <stdlib.h> /* for malloc,
   free */
#include <string.h> // strlen, and \
   its kin
/*
#include <old.h>
*/
void panic(const char *why) { printf("own panic: %s\n", why); }

/* Refused: the macro the cleanup uses is defined again between the
 * gotos and the label (moved up to the defer, it expanded the first). */
#define LOG(x) printf("A %d\n", x)
static int relog(int x)
{
    int ret = -1;
    char *buf = malloc(8);

    if (!buf)
        goto out;
#undef LOG
#define LOG(x) printf("B %d\n", (int)strlen("") + x)
    if (x)
        goto out;
    ret = 1;
out:
    LOG(ret);
    free(buf);
    return ret;
}

static int load(int x)
{
    int ret = -1;
    char *p = malloc(4);

    if (!p)
        goto out;
    if (x < 0)
        panic("negative");
    ret = x;
out:
    free(p);
    return ret;
}

int main(void)
{
    printf("%d %d\n", load(1), load(-1));
    printf("%d\n", relog(1));
    return 0;
}
