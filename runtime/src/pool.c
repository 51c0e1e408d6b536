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
 * frame) does not pin its memory for the life of the process. Where a full
 * list has to let one go, it keeps the lowest addresses: a burst gives its
 * chunks back newest first, which malloc placed highest, and kept, those
 * would hold the top of the heap, which malloc can then not give back to
 * the system (10 million defers left 80 MB resident after they ran).
 */
#include "internal.h"

#include <pthread.h>
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

/* The default TLS model: linked into a program, the static linker makes
 * these accesses as cheap as initial-exec ones; in a shared object,
 * initial-exec would mark its whole TLS block static, and dlopen of it
 * fails ("cannot allocate memory in static TLS block"). */
static _Thread_local struct cdefer__list cache[CDEFER_CLASSES];
static _Thread_local _Bool cache_registered;

/* The process pool and its lock. */
static struct cdefer__list pool[CDEFER_CLASSES];
static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;

static void pool_lock(void) { pthread_mutex_lock(&pool_mutex); }
static void pool_unlock(void) { pthread_mutex_unlock(&pool_mutex); }

/* fork() copies only the calling thread: the lock is held across it so that
 * the child never inherits a pool another thread was changing; the child's
 * copy of the lock is held by its only thread, which lets it go. Installed
 * before main, so that no fork can come first. */
__attribute__((constructor)) static void handle_fork(void)
{
    if (pthread_atfork(pool_lock, pool_unlock, pool_unlock) != 0)
        cdefer__fatal("cannot install the fork handlers");
}

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

/* Takes the chunk at the highest address off \p l, which is not empty. */
static struct cdefer__chunk *list_pop_highest(struct cdefer__list *l)
{
    struct cdefer__chunk **highest = &l->head;
    for (struct cdefer__chunk **at = &l->head; *at; at = &(*at)->next_free)
        if ((uintptr_t)*at > (uintptr_t)*highest)
            highest = at;
    struct cdefer__chunk *c = *highest;
    *highest = c->next_free;
    l->count--;
    return c;
}

static struct cdefer__chunk *chunk_new(unsigned cls, size_t bytes)
{
    struct cdefer__chunk *c = malloc(bytes);
    if (!c)
        cdefer__out_of_memory(bytes);
    c->cls = cls;
    return c;
}

/* Half a cache moves per lock, both ways (Go's per-P pools move half too):
 * a thread that keeps taking, or keeps giving, takes the lock once for
 * several chunks. */
static unsigned batch(unsigned cls) { return (cache_cap[cls] + 1) / 2; }

/* Called with the pool locked. */
static void pool_give(struct cdefer__chunk *c)
{
    struct cdefer__list *l = &pool[c->cls];
    list_push(l, c);
    if (l->count > pool_cap[c->cls])
        free(list_pop_highest(l));
}

static void register_cache(void)
{
    if (__builtin_expect(!cache_registered, 0)) {
        cache_registered = 1;
        cdefer__thread_keeps_state();
    }
}

struct cdefer__chunk *cdefer__chunk_take(unsigned cls, size_t record_size)
{
    if (cls == CDEFER_BIG)
        return chunk_new(cls, sizeof(struct cdefer__chunk) + record_size);
    struct cdefer__chunk *c = list_pop(&cache[cls]);
    if (c)
        return c;
    pool_lock();
    c = list_pop(&pool[cls]);
    for (unsigned n = 1; c && n < batch(cls) && pool[cls].head; n++)
        list_push(&cache[cls], list_pop(&pool[cls]));
    pool_unlock();
    if (cache[cls].count)
        register_cache();
    return c ? c : chunk_new(cls, class_bytes[cls]);
}

void cdefer__chunk_give(struct cdefer__chunk *c)
{
    if (c->cls == CDEFER_BIG) {
        free(c);
        return;
    }
    struct cdefer__list *l = &cache[c->cls];
    if (__builtin_expect(l->count < cache_cap[c->cls], 1)) {
        register_cache();
        list_push(l, c);
        return;
    }
    /* The cache keeps its lowest chunks, c among them if it is one. */
    unsigned moving = batch(c->cls); /* pool_give may free c */
    list_push(l, c);
    pool_lock();
    for (unsigned n = 0; n < moving; n++)
        pool_give(list_pop_highest(l));
    pool_unlock();
}

/* Every chunk of \p lists (one per class) to \p to, with the pool locked. */
static void drain(struct cdefer__list *lists,
                  void (*to)(struct cdefer__chunk *))
{
    pool_lock();
    for (unsigned cls = 0; cls < CDEFER_CLASSES; cls++) {
        struct cdefer__chunk *c;
        while ((c = list_pop(&lists[cls])))
            to(c);
    }
    pool_unlock();
}

void cdefer__pool_thread_exit(void)
{
    /* A destructor of the program's that runs after this one and gives
     * chunks back registers again, so that they are not left in a cache
     * that no exit would empty (each thread of a program whose key
     * destructor deferred in a loop leaked its chunks). */
    cache_registered = 0;
    drain(cache, pool_give);
}

static void chunk_free(struct cdefer__chunk *c) { free(c); }

void cdefer__pool_release(void)
{
    drain(pool, chunk_free);
}
