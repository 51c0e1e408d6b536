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
/* C++ code may call the runtime (panic, recover) but cannot use defer. */
#  define CDEFER__NORETURN [[noreturn]]
#  define CDEFER__THREAD_LOCAL thread_local
#  define CDEFER__BOOL bool
extern "C" {
#else
#  define CDEFER__NORETURN _Noreturn
#  define CDEFER__THREAD_LOCAL _Thread_local
#  define CDEFER__BOOL _Bool
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

/* A thread's free records of one size class: a small stack, so that taking
 * and giving back records are independent loads and stores, not a chase
 * down a linked list. */
struct cdefer__stash {
    unsigned count;
    struct cdefer_record *items[CDEFER__CACHE_CAP];
};

extern CDEFER__THREAD_LOCAL struct cdefer__stash cdefer__cache[CDEFER__CLASSES]
    __attribute__((tls_model("initial-exec")));

/* Out of line, and not given the frame, so that the frame does not escape
 * and the optimizer keeps it in registers. */
struct cdefer_record *cdefer_record_alloc_slow(size_t capture_size);
void cdefer_record_free_slow(struct cdefer_record *r);

/* The fast paths are inline: a defer in a loop costs a few instructions
 * when the thread's cache has a record (it does, after the first call).
 * Unoptimized builds keep them calls, to keep frames (and stepping) small. */
#ifdef __OPTIMIZE__
#  define CDEFER__INLINE static inline __attribute__((always_inline))
#else
#  define CDEFER__INLINE static inline
#endif

/* The size class of a record of `total` bytes, header included (total at
 * most CDEFER__MAX_SMALL). */
CDEFER__INLINE unsigned cdefer__size_class(size_t total)
{
    return (unsigned)((total + CDEFER__GRANULE - 1) / CDEFER__GRANULE) - 1;
}

CDEFER__INLINE void *
cdefer_deferproc(struct cdefer_frame *frame, unsigned site,
                 size_t capture_size)
{
    size_t total = sizeof(struct cdefer_record) + capture_size;
    struct cdefer_record *r;
    if (total > CDEFER__MAX_SMALL) {
        r = cdefer_record_alloc_slow(capture_size);
    } else {
        struct cdefer__stash *c = &cdefer__cache[cdefer__size_class(total)];
        unsigned n = c->count;
        if (__builtin_expect(n != 0, 1)) {
            r = c->items[n - 1];
            c->count = n - 1;
        } else {
            r = cdefer_record_alloc_slow(capture_size);
        }
    }
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
        unsigned n;
        if (__builtin_expect(cls < CDEFER__CLASSES &&
                                 (n = cdefer__cache[cls].count) <
                                     CDEFER__CACHE_CAP,
                             1)) {
            cdefer__cache[cls].items[n] = done;
            cdefer__cache[cls].count = n + 1;
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
CDEFER__NORETURN void cdefer_panic(const char *message);
CDEFER__NORETURN void cdefer_panicf(const char *format, ...)
    __attribute__((format(printf, 1, 2)));
CDEFER__NORETURN void cdefer_panic_value(void *value);
void *cdefer_recover(void);

/* Called by the code UnwindPass.cpp generates; not for direct use. */
void cdefer_unwind_deferred_call(void);
void cdefer_unwind_deferred_block(void);
CDEFER__BOOL cdefer_unwind_recovered(void *exception);

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
