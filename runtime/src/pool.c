/*
 * pool.c - where records come from: a per-thread cache per size class,
 * backed by one process-wide pool per size class (Go's per-P defer pools and
 * the global pool of newdefer/freedefer), backed by malloc.
 *
 * The fast path touches only the calling thread's cache. The cache is
 * bounded: when it is empty it takes half its capacity from the pool, when
 * it is full it gives half back, both under the pool's one lock. Without the
 * bound, a program that defers on one thread and returns on another would
 * grow one cache forever (Go's issue before 1.5).
 */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>

/* The thread's cache; cdefer.h's inline fast paths use it directly. */
_Thread_local struct cdefer__stash cdefer__cache[CDEFER_CLASSES]
    __attribute__((tls_model("initial-exec")));
static _Thread_local _Bool cache_registered
    __attribute__((tls_model("initial-exec")));

/* The process pool. Guarded by cdefer__pool_lock (thread.c). */
static struct cdefer__list pool[CDEFER_CLASSES];

/* Every chunk ever carved, so that memory checkers see it as reachable. */
struct chunk {
    alignas(CDEFER_GRANULE) struct chunk *next;
};
static struct chunk *chunks;

/* Big enough that a chunk's own overhead (its link and malloc's header)
 * is a fraction of a byte per record. */
enum { CHUNK_BYTES = 64 * 1024 };

static size_t class_bytes(unsigned cls)
{
    return (size_t)(cls + 1) * CDEFER_GRANULE;
}

static struct cdefer_record *list_pop(struct cdefer__list *l)
{
    struct cdefer_record *r = l->head;
    l->head = r->link;
    l->count--;
    return r;
}

static void list_push(struct cdefer__list *l, struct cdefer_record *r)
{
    r->link = l->head;
    l->head = r;
    l->count++;
}

/* Called with the pool locked and the class empty. */
static void carve_chunk(unsigned cls)
{
    size_t size = class_bytes(cls);
    size_t records = (CHUNK_BYTES - sizeof(struct chunk)) / size;
    size_t bytes = sizeof(struct chunk) + size * records;
    struct chunk *c = malloc(bytes);
    if (!c) {
        cdefer__pool_unlock();
        cdefer__out_of_memory(size);
    }
    c->next = chunks;
    chunks = c;
    char *p = (char *)(c + 1);
    for (size_t i = 0; i < records; i++, p += size) {
        struct cdefer_record *r = (struct cdefer_record *)p;
        r->size_class = cls;
        list_push(&pool[cls], r);
    }
}

/* Moves up to n records from the pool's list to a thread's stash. */
static void stash_fill(struct cdefer__list *from, struct cdefer__stash *to,
                       unsigned n)
{
    while (n-- && from->head)
        to->items[to->count++] = list_pop(from);
}

static void stash_drain(struct cdefer__stash *from, struct cdefer__list *to,
                        unsigned n)
{
    while (n-- && from->count)
        list_push(to, from->items[--from->count]);
}

void cdefer__pool_refill(struct cdefer__stash *c, unsigned cls)
{
    cdefer__pool_lock();
    if (!pool[cls].head)
        carve_chunk(cls);
    stash_fill(&pool[cls], c, CDEFER_CACHE_CAP / 2);
    cdefer__pool_unlock();
}

void cdefer__pool_spill(struct cdefer__stash *c, unsigned cls)
{
    cdefer__pool_lock();
    stash_drain(c, &pool[cls], CDEFER_CACHE_CAP / 2);
    cdefer__pool_unlock();
}

void cdefer__pool_take_all(struct cdefer__stash *caches)
{
    cdefer__pool_lock();
    for (unsigned cls = 0; cls < CDEFER_CLASSES; cls++)
        stash_drain(&caches[cls], &pool[cls], caches[cls].count);
    cdefer__pool_unlock();
}

static struct cdefer_record *big_alloc(size_t total)
{
    struct cdefer_record *r = aligned_alloc(CDEFER_GRANULE,
                                            (total + CDEFER_GRANULE - 1) &
                                                ~(size_t)(CDEFER_GRANULE - 1));
    if (!r)
        cdefer__out_of_memory(total);
    r->size_class = CDEFER_BIG;
    return r;
}

/* The cache's slow path: first use on this thread, or an empty class. */
static struct cdefer_record *alloc_generic(unsigned cls)
{
    if (!cache_registered) {
        cache_registered = 1;
        cdefer__thread_register(cdefer__cache);
    }
    struct cdefer__stash *c = &cdefer__cache[cls];
    cdefer__pool_refill(c, cls);
    return c->items[--c->count];
}

struct cdefer_record *cdefer__record_alloc(size_t capture_size)
{
    if (capture_size > CDEFER_MAX_SMALL - sizeof(struct cdefer_record))
        return big_alloc(sizeof(struct cdefer_record) + capture_size);
    unsigned cls = cdefer__size_class(sizeof(struct cdefer_record) + capture_size);
    struct cdefer__stash *c = &cdefer__cache[cls];
    if (__builtin_expect(c->count != 0, 1))
        return c->items[--c->count];
    return alloc_generic(cls);
}

void cdefer__record_free(struct cdefer_record *r)
{
    unsigned cls = r->size_class;
    if (cls == CDEFER_BIG) {
        free(r);
        return;
    }
    struct cdefer__stash *c = &cdefer__cache[cls];
    if (__builtin_expect(c->count >= CDEFER_CACHE_CAP, 0)) {
        if (!cache_registered) {
            cache_registered = 1;
            cdefer__thread_register(cdefer__cache);
        }
        cdefer__pool_spill(c, cls);
    }
    c->items[c->count++] = r;
}
