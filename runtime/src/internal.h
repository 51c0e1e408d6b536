/*
 * internal.h - the runtime's private types and functions.
 *
 * Glossary
 *   record      one pending deferred call: a header, then the values the
 *               defer captured (the "captures"), in one allocation.
 *   frame       the state a function with record-based defers keeps on its
 *               stack: the list of its pending records (struct cdefer_frame,
 *               public because the plugin's output embeds it).
 *   size class  records come in sizes of 16-byte steps, header included, up
 *               to CDEFER_MAX_SMALL bytes; larger ones are "big" and go
 *               straight to malloc and free.
 *   cache       a thread's free records, one stash (a small stack) per size
 *               class, at most CDEFER_CACHE_CAP each; no lock.
 *   pool        the process's free records, one list per size class, behind
 *               one mutex. Caches exchange half their capacity with it at a
 *               time, so a thread that defers and returns in a loop reaches
 *               the pool at most once per CDEFER_CACHE_CAP / 2 records.
 *   chunk       a block of fresh records carved from one malloc when the pool
 *               is empty; chunks are never freed (their records are reused).
 *
 * Names: cdefer_ is public, cdefer__ is internal to the library (hidden),
 * and static names are private to a file.
 */
#ifndef CDEFER_INTERNAL_H
#define CDEFER_INTERNAL_H

#define CDEFER_BUILDING_RUNTIME 1
#include "cdefer.h"

#include <stdalign.h>
#include <stddef.h>

#define CDEFER_HIDDEN __attribute__((visibility("hidden")))

enum {
    CDEFER_GRANULE = CDEFER__GRANULE,     /* size class step and alignment */
    CDEFER_MAX_SMALL = CDEFER__MAX_SMALL, /* largest record from the pools */
    CDEFER_CLASSES = CDEFER__CLASSES,
    CDEFER_CACHE_CAP = CDEFER__CACHE_CAP, /* records per class per thread */
    CDEFER_BIG = CDEFER__BIG,             /* size_class of a malloc'd record */
};

/* struct cdefer_record is in cdefer.h: the inline fast paths use it. Must
 * match the plugin's use: captures start right after the header and are
 * aligned to CDEFER_CAPTURE_ALIGN. */
_Static_assert(sizeof(struct cdefer_record) == CDEFER_GRANULE,
               "a record header is one granule");
_Static_assert(CDEFER_CAPTURE_ALIGN == CDEFER_GRANULE,
               "captures follow the header at the alignment cdefer.h promises");
_Static_assert(alignof(max_align_t) <= CDEFER_GRANULE,
               "granules keep malloc's alignment");

/* A free list of records of one size class, linked through their link
 * field: the process pool's shape. */
struct cdefer__list {
    struct cdefer_record *head;
    unsigned count;
};

/* pool.c: records of any size. */
CDEFER_HIDDEN struct cdefer_record *cdefer__record_alloc(size_t capture_size);
CDEFER_HIDDEN void cdefer__record_free(struct cdefer_record *r);

/* pool.c: exchanges between a thread's cache and the process pool. */
CDEFER_HIDDEN void cdefer__pool_refill(struct cdefer__stash *cache,
                                       unsigned cls);
CDEFER_HIDDEN void cdefer__pool_spill(struct cdefer__stash *cache,
                                      unsigned cls);
CDEFER_HIDDEN void cdefer__pool_take_all(struct cdefer__stash *caches);

/* thread.c: makes the calling thread return its cache to the pool when it
 * exits; sets up fork() handling once per process. */
CDEFER_HIDDEN void cdefer__thread_register(struct cdefer__stash *caches);
CDEFER_HIDDEN void cdefer__pool_lock(void);
CDEFER_HIDDEN void cdefer__pool_unlock(void);
CDEFER_HIDDEN void cdefer__pool_reset_lock(void);

/* fatal.c */
CDEFER_HIDDEN _Noreturn void cdefer__out_of_memory(size_t bytes);

#endif
