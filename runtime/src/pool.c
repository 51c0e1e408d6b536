/*
 * pool.c - where chunks come from: a per-thread cache per class, backed by
 * one process-wide pool per class (Go's per-P defer pools and the global
 * pool of newdefer/freedefer), backed by malloc.
 *
 * A frame whose records outgrow its stack buffer takes chunks, and gives
 * them back when it returns, so a thread that calls such a function over
 * and over takes and gives the same chunks from its cache, without a lock. Both the cache and the pool are bounded:
 * a chunk given to a full cache goes to the pool, and one given to a full
 * pool goes back to malloc, so a burst of pending defers (millions in one
 * frame) does not pin its memory for the life of the process.
 */
#include "internal.h"

#include <stdlib.h>

/* A frame that outgrows its stack buffer takes a class 0 chunk, then class
 * 1, then class 2 chunks, where the header is a small fraction of the
 * memory. */
static const unsigned class_bytes[CDEFER_CLASSES] = {1024, 8192, 65536};
/* A thread keeps enough free chunks for a few nested frames that outgrow
 * their buffers (168 KiB at most); the pool keeps 1.75 MiB at most for
 * threads that start later, and malloc gets the rest back. */
static const unsigned cache_cap[CDEFER_CLASSES] = {8, 4, 2};
static const unsigned pool_cap[CDEFER_CLASSES] = {256, 64, 16};

static _Thread_local struct cdefer__list cache[CDEFER_CLASSES]
    __attribute__((tls_model("initial-exec")));
static _Thread_local _Bool cache_registered
    __attribute__((tls_model("initial-exec")));

/* The process pool. Guarded by cdefer__pool_lock (thread.c). */
static struct cdefer__list pool[CDEFER_CLASSES];

size_t cdefer__class_capacity(unsigned cls)
{
    return class_bytes[cls] - sizeof(struct cdefer__chunk);
}

static struct cdefer__chunk *list_pop(struct cdefer__list *l)
{
    struct cdefer__chunk *c = l->head;
    if (c) {
        l->head = c->next_free;
        l->count--;
    }
    return c;
}

static void list_push(struct cdefer__list *l, struct cdefer__chunk *c)
{
    c->next_free = l->head;
    l->head = c;
    l->count++;
}

static struct cdefer__chunk *chunk_new(unsigned cls, size_t bytes)
{
    struct cdefer__chunk *c = malloc(bytes);
    if (!c)
        cdefer__out_of_memory(bytes);
    c->cls = cls;
    return c;
}

struct cdefer__chunk *cdefer__chunk_take(unsigned cls, size_t record_size)
{
    if (cls == CDEFER_BIG)
        return chunk_new(cls, sizeof(struct cdefer__chunk) + record_size);
    struct cdefer__chunk *c = list_pop(&cache[cls]);
    if (c)
        return c;
    cdefer__pool_lock();
    c = list_pop(&pool[cls]);
    cdefer__pool_unlock();
    return c ? c : chunk_new(cls, class_bytes[cls]);
}

/* Called with the pool locked. */
static void pool_give(struct cdefer__chunk *c)
{
    if (pool[c->cls].count < pool_cap[c->cls])
        list_push(&pool[c->cls], c);
    else
        free(c);
}

void cdefer__chunk_give(struct cdefer__chunk *c)
{
    if (c->cls == CDEFER_BIG) {
        free(c);
        return;
    }
    struct cdefer__list *l = &cache[c->cls];
    if (__builtin_expect(l->count < cache_cap[c->cls], 1)) {
        if (__builtin_expect(!cache_registered, 0)) {
            cache_registered = 1;
            cdefer__thread_register(cache);
        }
        list_push(l, c);
        return;
    }
    cdefer__pool_lock();
    pool_give(c);
    cdefer__pool_unlock();
}

void cdefer__pool_take_all(struct cdefer__list *caches)
{
    cdefer__pool_lock();
    for (unsigned cls = 0; cls < CDEFER_CLASSES; cls++) {
        struct cdefer__chunk *c;
        while ((c = list_pop(&caches[cls])))
            pool_give(c);
    }
    cdefer__pool_unlock();
}
