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

#include "cdefer_abi.h"

/* The ABI version as the plugin reads it, from a declaration: unlike the
 * macro, it is still there in preprocessed output (.i files, distcc). */
enum __cdefer_abi { __cdefer_abi_version = CDEFER_ABI_VERSION };

#if defined(__has_attribute)
#  if __has_attribute(cdefer)
#    define CDEFER__PLUGIN_LOADED 1
#  endif
#endif

#if defined(CDEFER_BUILDING_RUNTIME)
/* The runtime's own sources use the declarations below, not `defer`. */
#elif defined(CDEFER_TOOLING)
/* For clangd and other tools that parse the code without the plugin:
 * `defer S;` reads as a statement that type-checks as S does, and which
 * flow-sensitive warnings (-Wuninitialized and the like) take for code that
 * never runs, rather than for code that runs in place, before what precedes
 * it at exit. The loop's false condition makes S dead to them; the switch
 * inside says, to -Wunreachable-code, that it is meant to be (the code
 * after a constant switch is, as after `if (0)`; a bare loop's body would
 * be "never executed"), and takes no `else` that follows, as `if` would.
 * A `defer_result` variable is used: the function returns it.
 * Never with the plugin: the program would not run its deferred code. */
#  if defined(__has_attribute)
#    if __has_attribute(cdefer)
#      error "cdefer.h: CDEFER_TOOLING is for tools that parse the code without the cdefer plugin; with the plugin loaded, drop -DCDEFER_TOOLING (deferred statements would never run)"
#    endif
#  endif
#  define defer for (;0;) switch (0) default:
#  define defer_result __attribute__((__unused__))
#elif defined(__cplusplus) && !defined(CDEFER__PLUGIN_LOADED)
/* C++ may call panic and recover, compiled by any C++ compiler; `defer` is
 * C's (C++ has destructors), an error wherever it is used, unless the
 * short names are off (C++ code has its own `defer`s: asio::defer). */
#  ifndef CDEFER_NO_SHORT_NAMES
#    define defer _Pragma("GCC error \"'defer' is for C: in C++, release in a destructor (cdefer.h declares panic and recover for C++)\"")
#    define defer_result defer
#  endif
#elif !defined(__has_attribute)
#  error "cdefer.h needs clang-22 with the cdefer plugin: compile with 'clang-22 -fplugin=<prefix>/lib/cdefer/cdefer.so' or use 'cdefer-cc' (for tools, define CDEFER_TOOLING)"
#elif !__has_attribute(cdefer)
#  error "cdefer.h: 'defer' needs the cdefer plugin: add '-fplugin=<prefix>/lib/cdefer/cdefer.so' to this compile (clang-22 only), or compile with 'cdefer-cc' (for tools, define CDEFER_TOOLING)"
#else
#  define defer __attribute__((cdefer))
#  define defer_result __attribute__((cdefer_result))
#endif

/* Written to compile without a warning under every -std from c89 to c23
 * and in C++ (which may call the runtime, panic and recover, but cannot use
 * defer), with -pedantic: GNU spellings, no bool, declarations first. */
#define CDEFER__NORETURN __attribute__((__noreturn__))
#ifdef __cplusplus
extern "C" {
#endif

/*
 * The runtime interface the plugin's output calls. Not for direct use.
 *
 * A function whose defers use runtime records keeps one __cdefer_frame. Each
 * executed defer calls __cdefer_deferproc, which reserves the defer's record
 * on top of the frame's record stack and returns it, for the captured
 * values (__cdefer_deferproc_site when the function has several defer
 * statements). At exit the function runs the records of its newest chunk
 * while __cdefer_deferpending says there is one: __cdefer_deferred_site says
 * which defer statement made the newest record (if there are several), and
 * the code of that site takes it with __cdefer_deferpop, then runs. Then
 * __cdefer_deferreturn moves to the frame's next older chunk, until there is
 * none:
 *
 *     do
 *         while (__cdefer_deferpending(&frame)) { take the record; run it }
 *     while (__cdefer_deferreturn(&frame));
 *
 * The inner loop does nothing but pop and run, which keeps it as tight as
 * a hand-written one. Where no defer can run twice and the stack buffer
 * holds a record of each, no chunk can exist: the outer loop goes, and
 * with one defer statement the inner one is an `if`. Where a defer can run more than once per call, it is
 * written with its test last (if pending, do ... while pending), so that
 * its back edge is a plain branch: an optimizer does not unroll a loop
 * whose back edge is the deferred code's call where that call may unwind
 * (an invoke). And the frame notes in an integer whether it ever grew
 * into a chunk, which the exit tests before comparing base with stack:
 * where no record can outgrow the stack buffer, the flag stays a constant
 * 0 that constant propagation sees (it cannot see through two stack
 * addresses), the outer loop goes, and ten defers in a counted loop run as
 * ten calls in a row. A flag, not a count: the grow path of each defer
 * then stores a constant, where a count cost a load, an add and a store
 * at each of them (a function with 4,000 defers compiled 12% slower).
 *
 * A frame's records lie end to end: first in a small buffer on the
 * function's own stack (__cdefer_frame_start), then in chunks the frame owns,
 * each bigger than the last. A record is the site's captures, then
 * padding, then (if the function has several defer statements) the site
 * number in its last 4 bytes. Its size is fixed for each site and is a
 * multiple of the alignment all the function's records share (4, or
 * CDEFER_RECORD_ALIGN), so popping one is a subtraction, not a load:
 * walking the records never waits on memory.
 * Chunks come from a per-thread cache backed by a process-wide pool
 * (runtime/src/pool.c), and go back there when the frame is done. Most
 * functions never need one: their defers fit in the stack buffer.
 *
 * Must match the plugin's use (pass/Lower.cpp; test/lowering/records-shape.c).
 */
struct CDEFER_ABI_FRAME { /* void *, so that a debugger shows addresses */
    void *__cd_top;     /* the end of the newest record */
    void *__cd_base;    /* the start of the newest chunk's records */
    void *__cd_limit;   /* the end of the newest chunk */
    void *__cd_stack;   /* the function's stack buffer: the oldest "chunk" */
    __SIZE_TYPE__ __cd_grew; /* nonzero once it has owned a chunk (see above) */
};

/* The slow paths, out of line. They are given the frame's fields, not the
 * frame, so that the frame does not escape and stays in registers. */
struct __cdefer_chunk_span {
    char *__cd_start; /* where records go: the new chunk's base */
    char *__cd_limit;
};
struct __cdefer_chunk_span CDEFER_ABI_CHUNK_GROW(char *__cd_top, char *__cd_base, char *__cd_stack,
                                           size_t __cd_record_size);
struct __cdefer_chunk_top {
    /* the frame's top and base in the chunk before the dropped one: at the
     * oldest, its stack buffer */
    char *__cd_top;
    char *__cd_base;
};
struct __cdefer_chunk_top CDEFER_ABI_CHUNK_DROP(char *__cd_base);

/* No debug info for the helpers: a debugger's `step` goes from the user's
 * code to the deferred code, never into cdefer.h. Nor instrumentation: at
 * -O0, where they stay calls, -pg, -finstrument-functions and XRay would
 * show them in the user's profiles, nameless. */
#if defined(__clang__)
#  define CDEFER__NODEBUG __attribute__((__nodebug__, \
      __no_instrument_function__, __xray_never_instrument__))
#else
#  define CDEFER__NODEBUG
#endif

/* The fast paths are inline: a defer costs a few instructions unless the
 * frame's records have to move on to a new chunk.
 * Unoptimized builds keep them calls, to keep frames (and stepping) small. */
#ifdef __OPTIMIZE__
#  define CDEFER__INLINE static __inline__ __attribute__((__always_inline__)) \
      CDEFER__NODEBUG
#else
#  define CDEFER__INLINE static __inline__ CDEFER__NODEBUG
#endif

/* stack: the buffer the plugin reserves in the function's frame, aligned to
 * CDEFER_RECORD_ALIGN, for the records of a typical call. */
CDEFER__INLINE void CDEFER_ABI_FRAME_START(struct CDEFER_ABI_FRAME *__cd_frame,
                                           void *__cd_stack,
                                           size_t __cd_bytes)
{
    __cd_frame->__cd_top = __cd_frame->__cd_base = __cd_stack;
    __cd_frame->__cd_stack = __cd_stack;
    __cd_frame->__cd_limit = (char *)__cd_stack + __cd_bytes;
    __cd_frame->__cd_grew = 0;
}

/* record_size: the site's record size (see above). note_growth: whether to
 * set the frame's flag when it grows (see __cdefer_frame_start_large). */
CDEFER__INLINE void *cdefer__deferproc(struct CDEFER_ABI_FRAME *__cd_frame,
                                       size_t __cd_record_size,
                                       int __cd_note_growth)
{
    char *__cd_at = (char *)__cd_frame->__cd_top;
#ifdef __clang_analyzer__
    /* The static analyzer reads a function with runtime records without
     * growth: the plugin gives it a stack buffer with room for every record
     * its paths can push (pass/StackBuffer.cpp), and this helper, like every
     * helper the lowered code calls, has no branch. The analyzer drops the
     * reports that track a value (a null dereference, a division by zero)
     * along a path through an inlined system-header function whose CFG
     * branches, as a failure mode the user chose not to check: one branch
     * here hid every such bug after a function's first defer. Growth
     * modelled as a branch would also need addresses compared as integers,
     * which it cannot do. */
    (void)__cd_note_growth;
#else
    if (__builtin_expect((__UINTPTR_TYPE__)__cd_frame->__cd_limit -
                                 (__UINTPTR_TYPE__)__cd_at <
                             __cd_record_size,
                         0)) {
        struct __cdefer_chunk_span __cd_chunk;
        __cd_chunk =
            CDEFER_ABI_CHUNK_GROW(__cd_at, (char *)__cd_frame->__cd_base,
                                  (char *)__cd_frame->__cd_stack,
                              __cd_record_size);
        __cd_at = __cd_chunk.__cd_start;
        __cd_frame->__cd_base = __cd_at;
        __cd_frame->__cd_limit = __cd_chunk.__cd_limit;
        if (__cd_note_growth)
            __cd_frame->__cd_grew = 1;
    }
#endif
    __cd_frame->__cd_top = __cd_at + __cd_record_size;
    return __cd_at;
}

CDEFER__INLINE void *CDEFER_ABI_DEFERPROC(struct CDEFER_ABI_FRAME *__cd_frame,
                                      size_t __cd_record_size)
{
    return cdefer__deferproc(__cd_frame, __cd_record_size, 1);
}

/* For a function with several defer statements: the record also keeps its
 * site in its last 4 bytes, which record_size leaves free. */
CDEFER__INLINE void *
CDEFER_ABI_DEFERPROC_SITE(struct CDEFER_ABI_FRAME *__cd_frame, unsigned __cd_site,
                          size_t __cd_record_size)
{
    void *__cd_record = CDEFER_ABI_DEFERPROC(__cd_frame, __cd_record_size);
    ((unsigned *)__cd_frame->__cd_top)[-1] = __cd_site;
    return __cd_record;
}

/* A defer whose captured values may hold the address of a variable its
 * record keeps alive (`defer f(c ? &v : &w);`) moves the variable into the
 * record before it evaluates them: it pushes the record under another
 * site number, which the exit pops without running anything, and gives
 * the record its own site once every value is in. A panic while the
 * values are evaluated must not run the call with half its arguments. */
CDEFER__INLINE void CDEFER_ABI_DEFERARM(struct CDEFER_ABI_FRAME *__cd_frame,
                                    unsigned __cd_site)
{
    ((unsigned *)__cd_frame->__cd_top)[-1] = __cd_site;
}

/* A function with very many defer statements keeps its frame in memory
 * (pass/UnwindPass.cpp), where the optimizer cannot see the flag stay 0.
 * Its frame starts as if it had grown, and its defers never store the
 * flag: with 1,500 defers, a store in each slow path was 2% of the -O2
 * compile's instructions (8% of instruction selection's). */
CDEFER__INLINE void
CDEFER_ABI_FRAME_START_LARGE(struct CDEFER_ABI_FRAME *__cd_frame,
                             void *__cd_stack, size_t __cd_bytes)
{
    CDEFER_ABI_FRAME_START(__cd_frame, __cd_stack, __cd_bytes);
    __cd_frame->__cd_grew = 1;
}

CDEFER__INLINE void *
CDEFER_ABI_DEFERPROC_LARGE(struct CDEFER_ABI_FRAME *__cd_frame, unsigned __cd_site,
                           size_t __cd_record_size)
{
    void *__cd_record = cdefer__deferproc(__cd_frame, __cd_record_size, 0);
    ((unsigned *)__cd_frame->__cd_top)[-1] = __cd_site;
    return __cd_record;
}

/* Whether the frame's newest chunk has a pending record. */
CDEFER__INLINE int CDEFER_ABI_DEFERPENDING(struct CDEFER_ABI_FRAME *__cd_frame)
{
    return __cd_frame->__cd_top != __cd_frame->__cd_base;
}

/* Once the newest chunk is empty: gives it back to the thread's cache and
 * moves to the next older one. False when the stack buffer is reached:
 * every record has run. */
CDEFER__INLINE int CDEFER_ABI_DEFERRETURN(struct CDEFER_ABI_FRAME *__cd_frame)
{
#ifdef __clang_analyzer__
    /* Nothing grows under the analyzer (see cdefer__deferproc): the stack
     * buffer is the only chunk, and no branch. */
    (void)__cd_frame;
    return 0;
#else
    struct __cdefer_chunk_top __cd_older;
    if (__builtin_expect(!__cd_frame->__cd_grew, 1) ||
        __cd_frame->__cd_base == __cd_frame->__cd_stack)
        return 0;
    __cd_older = CDEFER_ABI_CHUNK_DROP((char *)__cd_frame->__cd_base);
    __cd_frame->__cd_top = __cd_older.__cd_top;
    __cd_frame->__cd_base = __cd_older.__cd_base;
    return 1;
#endif
}

/* The site of the newest record, once __cdefer_deferpending said there is one. */
CDEFER__INLINE unsigned
CDEFER_ABI_DEFERRED_SITE(struct CDEFER_ABI_FRAME *__cd_frame)
{
    return ((unsigned *)__cd_frame->__cd_top)[-1];
}

/* Takes the newest record, of the size its site gave __cdefer_deferproc. It
 * stays readable until the next __cdefer_deferreturn. A frame that pops never
 * pushes again: forgetting its limit leaves one value fewer for the code
 * that runs the rest of its records during a panic to keep. */
CDEFER__INLINE void *CDEFER_ABI_DEFERPOP(struct CDEFER_ABI_FRAME *__cd_frame,
                                     size_t __cd_record_size)
{
    __cd_frame->__cd_limit = 0;
    __cd_frame->__cd_top = (char *)__cd_frame->__cd_top - __cd_record_size;
    return __cd_frame->__cd_top;
}

/*
 * panic and recover (Go's). A panic runs the pending deferred statements of
 * the panicking function, then of its caller, and so on outward; recover(),
 * called directly by deferred code during a panic, stops it and returns its
 * value (the message for panic and panicf). Uncaught, a panic prints
 * "panic: <message>" on stderr, then the stack from the function that
 * called panic outwards (CDEFER_TRACEBACK=none|single|all, as Go's
 * GOTRACEBACK; llvm-symbolizer names the frames), and exits with status 2.
 *
 * The plugin turns each recover() into __cdefer_v1_recover_by_token(token), with the
 * token of the deferred code it is in (runtime/src/panic.c). Without the
 * plugin (C++, tools), recover() is cdefer_recover(), which returns NULL.
 */
CDEFER__NORETURN void cdefer_panic(const char *__cd_message);
CDEFER__NORETURN void cdefer_panicf(const char *__cd_format, ...)
    __attribute__((__format__(__printf__, 1, 2)));
CDEFER__NORETURN void cdefer_panic_value(void *__cd_value);
void *cdefer_recover(void);

/* Makes SIGSEGV, SIGBUS, SIGFPE and SIGILL print the same kind of stack
 * before they take their default action (also: CDEFER_TRACE_SIGNALS=1 in
 * the environment, for the main thread). A stack overflow is traced only
 * in a thread that called it (it gives the thread a stack for the
 * handler). Returns 0, or -1 if a handler could not be set. */
int cdefer_trace_signals(void);

/* Called by the code the plugin generates for recover(); not for direct
 * use. (The IR pass declares what its unwinding code calls itself.) */
void *CDEFER_ABI_RECOVER(size_t __cd_token);
size_t CDEFER_ABI_RECOVER_TOKEN(void *__cd_self);

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
