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
