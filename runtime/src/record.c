/*
 * record.c - defer records on a function's frame.
 *
 * The plugin turns each executed defer of a record-based function into a
 * call to cdefer_deferproc, and the function's exit sequence into calls to
 * cdefer_deferreturn until it returns NULL. The list lives in the function's
 * own frame, so no thread-wide chain has to be searched: LIFO order is the
 * list order, and a frame's records cannot be confused with another's.
 */
#include "internal.h"

void *cdefer_deferproc(struct cdefer_frame *frame, unsigned site,
                       size_t capture_size)
{
    struct cdefer_record *r = cdefer__record_alloc(capture_size);
    r->site = site;
    r->link = frame->pending;
    frame->pending = r;
    return r + 1;
}

/* The record returned last time has finished running its code, so it is
 * freed here rather than by the caller: the exit sequence stays one call per
 * record. */
void *cdefer_deferreturn(struct cdefer_frame *frame)
{
    if (frame->running) {
        cdefer__record_free(frame->running);
        frame->running = NULL;
    }
    struct cdefer_record *r = frame->pending;
    if (!r)
        return NULL;
    frame->pending = r->link;
    frame->running = r;
    frame->site = r->site;
    return r + 1;
}
