/* The opening of a file as the include's placement must read it: dead
 * code, a comment that a directive's line opens, and a commented-out
 * include (the header went into the comments, and the file no longer
 * compiled). */
#if 0
notes that are no code
#endif
#define _GNU_SOURCE
#include "config.h"
#include <stdio.h>
#include <stdlib.h> /* for malloc,
   free */
/*
#include <old.h>
*/
void panic(const char *why) { printf("own panic: %s\n", why); }

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
    return 0;
}
