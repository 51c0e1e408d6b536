/*
 * cdefer.h - Go's defer, panic and recover for C.
 *
 * Compile with the cdefer plugin (clang-22 -fplugin=.../cdefer.so, or the
 * cdefer-cc driver) and link libcdefer. Then, inside any function:
 *
 *     FILE *f = fopen(path, "r");
 *     if (!f) return -1;
 *     defer fclose(f);                 // runs when the function returns
 *
 * See docs/dialect.md for the whole contract.
 */
#ifndef CDEFER_H
#define CDEFER_H

#include <stddef.h>

#if defined(CDEFER_BUILDING_RUNTIME)
/* The runtime's own sources use the declarations below, not `defer`. */
#elif defined(CDEFER_TOOLING)
/* For clangd, clang-tidy and other tools that parse the code without the
 * plugin: `defer S;` reads as S, which type-checks the same. */
#  define defer
#  define defer_result
#elif !defined(__has_attribute)
#  error "cdefer.h needs clang-22 with the cdefer plugin: compile with 'clang-22 -fplugin=<prefix>/lib/cdefer/cdefer.so' or use 'cdefer-cc' (for tools, define CDEFER_TOOLING)"
#elif !__has_attribute(cdefer)
#  error "cdefer.h: 'defer' needs the cdefer plugin: add '-fplugin=<prefix>/lib/cdefer/cdefer.so' to this compile (clang-22 only), or compile with 'cdefer-cc' (for tools, define CDEFER_TOOLING)"
#else
#  define defer __attribute__((cdefer))
#  define defer_result __attribute__((cdefer_result))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The runtime interface the plugin's output calls. Not for direct use.
 *
 * A function whose defers use runtime records keeps one cdefer_frame. Each
 * executed defer calls cdefer_deferproc, which links a record onto the frame
 * and returns where the defer's captured values go; at exit the function
 * calls cdefer_deferreturn until it returns NULL, running the deferred code
 * of frame->site with the captures it returned each time.
 *
 * Must match the plugin's use (pass/Lower.cpp; test/lowering/records-shape.c).
 */
struct cdefer_record {
    struct cdefer_record *link; /* next older record of the frame, or next
                                   free record of a cache or pool list */
    unsigned site;              /* the defer statement, within its function */
    unsigned size_class;        /* index into caches and pools, or BIG */
} __attribute__((aligned(16)));

struct cdefer_frame {
    struct cdefer_record *pending; /* newest pending record first */
    struct cdefer_record *running; /* popped, its code running; freed next */
    unsigned site;                 /* site of the record just popped */
};

/* Alignment of the captures area of every record: captures follow the
 * 16-byte header. */
#define CDEFER_CAPTURE_ALIGN 16

/* Records come in size classes of 16-byte steps, header included, up to
 * 256 bytes; a thread keeps up to CDEFER__CACHE_CAP free records of each
 * class in its cache (runtime/src/pool.c). */
enum {
    CDEFER__GRANULE = 16,
    CDEFER__MAX_SMALL = 256,
    CDEFER__CLASSES = CDEFER__MAX_SMALL / CDEFER__GRANULE,
    CDEFER__CACHE_CAP = 32,
    CDEFER__BIG = 0xffff,
};

struct cdefer__list {
    struct cdefer_record *head;
    unsigned count;
};

extern _Thread_local struct cdefer__list cdefer__cache[CDEFER__CLASSES]
    __attribute__((tls_model("initial-exec")));

void *cdefer_deferproc_slow(struct cdefer_frame *frame, unsigned site,
                            size_t capture_size);
void cdefer_record_free_slow(struct cdefer_record *r);

/* The fast paths are inline: a defer in a loop costs a few instructions
 * when the thread's cache has a record (it does, after the first call).
 * Unoptimized builds keep them calls, to keep frames (and stepping) small. */
#ifdef __OPTIMIZE__
#  define CDEFER__INLINE static inline __attribute__((always_inline))
#else
#  define CDEFER__INLINE static inline
#endif

CDEFER__INLINE void *
cdefer_deferproc(struct cdefer_frame *frame, unsigned site,
                 size_t capture_size)
{
    size_t total = sizeof(struct cdefer_record) + capture_size;
    if (total > CDEFER__MAX_SMALL)
        return cdefer_deferproc_slow(frame, site, capture_size);
    struct cdefer__list *l =
        &cdefer__cache[(total + CDEFER__GRANULE - 1) / CDEFER__GRANULE - 1];
    struct cdefer_record *r = l->head;
    if (__builtin_expect(r == 0, 0))
        return cdefer_deferproc_slow(frame, site, capture_size);
    l->head = r->link;
    l->count--;
    r->site = site;
    r->link = frame->pending;
    frame->pending = r;
    return r + 1;
}

/* Pops the frame's newest record (its code is then run by the caller) after
 * freeing the one popped last time, whose code has run by now. */
CDEFER__INLINE void *
cdefer_deferreturn(struct cdefer_frame *frame)
{
    struct cdefer_record *done = frame->running;
    if (done) {
        unsigned cls = done->size_class;
        if (__builtin_expect(cls < CDEFER__CLASSES &&
                                 cdefer__cache[cls].count < CDEFER__CACHE_CAP,
                             1)) {
            done->link = cdefer__cache[cls].head;
            cdefer__cache[cls].head = done;
            cdefer__cache[cls].count++;
        } else {
            cdefer_record_free_slow(done);
        }
    }
    struct cdefer_record *r = frame->pending;
    frame->running = r;
    if (!r)
        return 0;
    frame->pending = r->link;
    frame->site = r->site;
    return r + 1;
}

/*
 * panic and recover (Go's). A panic runs the pending deferred statements of
 * the panicking function, then of its caller, and so on outward; recover(),
 * called directly by deferred code during a panic, stops it and returns its
 * value (the message for panic and panicf). Uncaught, a panic prints
 * "panic: <message>" on stderr and exits with status 2.
 */
_Noreturn void cdefer_panic(const char *message);
_Noreturn void cdefer_panicf(const char *format, ...)
    __attribute__((format(printf, 1, 2)));
_Noreturn void cdefer_panic_value(void *value);
void *cdefer_recover(void);

/* Called by the code UnwindPass.cpp generates; not for direct use. */
void cdefer_unwind_deferred_call(void);
void cdefer_unwind_deferred_block(void);
_Bool cdefer_unwind_recovered(void *exception);

#ifndef CDEFER_NO_SHORT_NAMES
#  define panic cdefer_panic
#  define panicf cdefer_panicf
#  define panic_value cdefer_panic_value
#  define recover cdefer_recover
#endif

#ifdef __cplusplus
}
#endif

#endif /* CDEFER_H */
