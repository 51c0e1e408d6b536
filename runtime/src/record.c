/*
 * record.c - defer records on a function's frame.
 *
 * The plugin turns each executed defer of a record-based function into a
 * call to cdefer_deferproc, and the function's exit sequence into calls to
 * cdefer_deferreturn until it returns NULL (both inline, in cdefer.h). The list lives in the function's
 * own frame, so no thread-wide chain has to be searched: LIFO order is the
 * list order, and a frame's records cannot be confused with another's.
 */
#include "internal.h"

/* The inline fast paths are in cdefer.h; these take over when the thread's
 * cache has no record of the class, or the record is big. */
struct cdefer_record *cdefer_record_alloc_slow(size_t capture_size)
{
    return cdefer__record_alloc(capture_size);
}

void cdefer_record_free_slow(struct cdefer_record *r)
{
    cdefer__record_free(r);
}
