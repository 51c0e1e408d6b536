/*
 * record.c - the slow paths of a frame's record stack: moving to a new chunk
 * when the current one is full, and back to the older one when the current
 * one is empty.
 *
 * The plugin turns each executed defer of a record-based function into
 * __cdefer_deferproc, and the function's exit sequence into a loop over
 * __cdefer_deferpending, __cdefer_deferpop and __cdefer_deferreturn (inline, in
 * cdefer.h). The records live in the frame's stack buffer and in chunks the
 * frame owns, so no thread-wide chain has to be searched: LIFO order is stack
 * order, and a frame's records cannot be confused with another's, even when
 * frames of several coroutines share a thread.
 */
#include "internal.h"

/* A frame that filled one chunk is likely to fill a bigger one: chunk sizes
 * grow with each chunk, so that a frame with n pending records reaches the
 * slow path O(n / largest chunk) times and wastes at most part of one chunk. */
static unsigned class_after(struct cdefer__chunk *c)
{
    unsigned next = c->cls + 1;
    return next < CDEFER_CLASSES ? next : CDEFER_CLASSES - 1;
}

struct __cdefer_chunk_span CDEFER_ABI_CHUNK_GROW(char *top, char *base,
                                                char *stack,
                                                size_t record_size)
{
    unsigned cls = base == stack ? 0 : class_after(cdefer__chunk_of(base));
    while (cls < CDEFER_CLASSES && record_size > cdefer__class_capacity(cls))
        cls++;
    struct cdefer__chunk *c = cdefer__chunk_take(cls, record_size);
    c->older_top = top;
    c->older_base = base;
    char *start = (char *)(c + 1);
    size_t room = cls == CDEFER_BIG ? record_size : cdefer__class_capacity(cls);
    return (struct __cdefer_chunk_span){start, start + room};
}

/* The older "chunk" may be the frame's stack buffer, and that may be empty
 * (when the first record was too big for it): the exit loop's
 * __cdefer_deferpending finds it so. */
struct __cdefer_chunk_top CDEFER_ABI_CHUNK_DROP(char *base)
{
    struct cdefer__chunk *c = cdefer__chunk_of(base);
    struct __cdefer_chunk_top older = {c->older_top, c->older_base};
    cdefer__chunk_give(c);
    return older;
}
