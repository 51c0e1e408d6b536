/*
 * fatal.c - errors the runtime cannot return from.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

void cdefer__out_of_memory(size_t bytes)
{
    fprintf(stderr, "cdefer: out of memory allocating %zu bytes for defer "
                    "records\n", bytes);
    fflush(stderr);
    abort();
}

void cdefer__fatal(const char *why)
{
    fflush(NULL); /* what the program wrote so far, as a panic does */
    fprintf(stderr, "cdefer: %s\n", why);
    fflush(stderr);
    abort();
}
