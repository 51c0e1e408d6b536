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
struct cdefer_record;

struct cdefer_frame {
    struct cdefer_record *pending; /* newest pending record first */
    struct cdefer_record *running; /* popped, its code running; freed next */
    unsigned site;                 /* site of the record just popped */
};

/* Alignment of the captures area of every record. */
#define CDEFER_CAPTURE_ALIGN 16

void *cdefer_deferproc(struct cdefer_frame *frame, unsigned site,
                       size_t capture_size);
void *cdefer_deferreturn(struct cdefer_frame *frame);

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
