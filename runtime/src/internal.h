/*
 * internal.h - the runtime's private types and functions.
 *
 * Glossary
 *   record      one pending defer: the values it captured, then its site
 *               number, in a size fixed for each defer statement.
 *   frame       the state a function with record-based defers keeps on its
 *               stack (struct __cdefer_frame, public because the plugin's
 *               output embeds it): the top of its stack of records.
 *   stack buffer  where a frame's first records go: a buffer the plugin
 *               reserves in the function's own stack frame.
 *   chunk       a block a frame's records lie in, end to end, once they
 *               outgrow the stack buffer: small first, bigger as the frame
 *               fills them; all go back when the function returns. Each
 *               chunk starts with a header that remembers where the frame's
 *               previous chunk (or its stack buffer) was filled to.
 *   class       chunks come in CDEFER_CLASSES sizes; a record too big for
 *               the largest gets a chunk of its own ("big"), from malloc.
 *   cache       a thread's free chunks, a short list per class; no lock.
 *   pool        the process's free chunks, a list per class behind one
 *               mutex: a cache that is empty takes from it, one that is full
 *               gives to it. The pool keeps a bounded amount; the rest goes
 *               back to malloc (Go's per-P and global defer pools).
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
#include <stdint.h>
#include <unwind.h>
#include <stdio.h>

#define CDEFER_HIDDEN __attribute__((visibility("hidden")))

enum {
    CDEFER_CLASSES = 3,
    CDEFER_BIG = CDEFER_CLASSES, /* class of a chunk made for one record */
};

/* The header at the start of every chunk; records follow it. */
struct cdefer__chunk {
    char *older_top;  /* the frame's top and base in the chunk before this */
    char *older_base; /* one, or in its stack buffer */
    struct cdefer__chunk *next_free; /* in a cache or pool list */
    unsigned cls;
} __attribute__((aligned(16)));

_Static_assert(sizeof(struct cdefer__chunk) % CDEFER_RECORD_ALIGN == 0,
               "records after the header stay aligned");

static inline struct cdefer__chunk *cdefer__chunk_of(char *base)
{
    return (struct cdefer__chunk *)base - 1;
}

/* A list of free chunks of one class. */
struct cdefer__list {
    struct cdefer__chunk *head;
    unsigned count;
};

/* pool.c: chunks of a class (or, for CDEFER_BIG, one made for a record of
 * record_size bytes), and giving them back. */
CDEFER_HIDDEN size_t cdefer__class_capacity(unsigned cls);
CDEFER_HIDDEN struct cdefer__chunk *cdefer__chunk_take(unsigned cls,
                                                       size_t record_size);
CDEFER_HIDDEN void cdefer__chunk_give(struct cdefer__chunk *c);
/* Gives the calling thread's cache back to the pool; at thread exit. */
CDEFER_HIDDEN void cdefer__pool_thread_exit(void);
/* Gives the pool's chunks back to malloc; when the runtime is unloaded. */
CDEFER_HIDDEN void cdefer__pool_release(void);

/* panic.c: frees what the calling thread kept for its next panic; at
 * thread exit. */
CDEFER_HIDDEN void cdefer__panic_thread_exit(void);
/* panic.c: frees the calling thread's caches, which nothing points into
 * (a spare panic, decoded unwind tables); when the runtime is unloaded. */
CDEFER_HIDDEN void cdefer__panic_release_caches(void);

/* traceback.c: frees the calling thread's signal stack; at thread exit. */
CDEFER_HIDDEN void cdefer__signals_thread_exit(void);

/* thread.c: makes the calling thread's exit run cdefer__pool_thread_exit
 * and cdefer__panic_thread_exit. Cheap after the first call. */
CDEFER_HIDDEN void cdefer__thread_keeps_state(void);

/* panic.c: what the IR pass's unwinding code calls (pass/UnwindPass.cpp
 * declares them in the code it generates). */
void CDEFER_ABI_UNWIND_CALL(void *callee);
size_t CDEFER_ABI_UNWIND_BLOCK(void);
_Bool CDEFER_ABI_UNWIND_RECOVERED(void *exception);
void CDEFER_ABI_UNWIND_LAND(void *const *slot);
void CDEFER_ABI_UNWIND_LAND_INLINED(void *const *slot, unsigned frame);
_Noreturn void CDEFER_ABI_UNWIND_RESUME(struct _Unwind_Exception *e);
void CDEFER_ABI_UNWIND_FINISH(struct _Unwind_Exception *e);
_Noreturn void CDEFER_ABI_UNWIND_FINISH_NORETURN(struct _Unwind_Exception *e,
                                                 const char *function);
_Unwind_Reason_Code CDEFER_ABI_PERSONALITY(int version, _Unwind_Action actions,
                                           _Unwind_Exception_Class cls,
                                           struct _Unwind_Exception *e,
                                           struct _Unwind_Context *context);
/* libgcc's personality for C, which CDEFER_ABI_PERSONALITY extends. */
extern _Unwind_Reason_Code __gcc_personality_v0(int, _Unwind_Action,
                                                _Unwind_Exception_Class,
                                                struct _Unwind_Exception *,
                                                struct _Unwind_Context *);

/* fast_unwind.c: unwinds e to the first landing pad without libgcc,
 * calling reach(arg, return address, stack pointer) for each frame on the
 * way, and enters the pad as a forced unwind with stop(arg) would; returns,
 * having called nothing, if it cannot (then libgcc must). */
CDEFER_HIDDEN void cdefer__fast_unwind(struct _Unwind_Exception *e,
                                       _Unwind_Stop_Fn stop, void *arg,
                                       void (*reach)(void *, uintptr_t,
                                                     uintptr_t));
CDEFER_HIDDEN void cdefer__fast_unwind_thread_exit(void);

/* traceback.c: the frames a panic unwinds, newest first, as the unwinder
 * reaches them (panic.c's stop function): what an uncaught panic prints. */
enum { CDEFER_TRACE_FRAMES = 128 };
struct cdefer__trace {
    uintptr_t site;      /* the return address into panic's caller */
    unsigned count;      /* frames seen; the first CDEFER_TRACE_FRAMES kept */
    uintptr_t pc[CDEFER_TRACE_FRAMES];  /* return addresses */
    uintptr_t cfa[CDEFER_TRACE_FRAMES]; /* the frames' canonical frame
                                           addresses: a frame whose landing
                                           pad ran is seen again when the
                                           unwind resumes from it, and is
                                           printed once */
};

/* A frame the unwinder reached: two stores, on every panic. */
static inline void cdefer__trace_frame(struct cdefer__trace *t, uintptr_t pc,
                                       uintptr_t cfa)
{
    unsigned i = t->count++;
    if (i < CDEFER_TRACE_FRAMES) {
        t->pc[i] = pc;
        t->cfa[i] = cfa;
    }
}

/* Prints the stack of an uncaught panic after its panic lines, as
 * CDEFER_TRACEBACK says (none, single or all); unwound_to is the
 * frame the unwinder could not go past, 0 at the real end of the stack. */
CDEFER_HIDDEN void cdefer__print_traceback(const struct cdefer__trace *t,
                                           uintptr_t unwound_to);
/* With CDEFER_TRACEBACK=all, the thread's newest panic, for the others'
 * tracebacks (NULL when it has none left). */
CDEFER_HIDDEN void cdefer__trace_panicking(const struct cdefer__trace *t);

/* symbolize.c: "function\n\tfile:line:col" for each code address (calls
 * already stepped back into their call instruction). */
CDEFER_HIDDEN void cdefer__print_frames(FILE *out, const uintptr_t *pcs,
                                        unsigned count);

/* fatal.c */
CDEFER_HIDDEN _Noreturn void cdefer__out_of_memory(size_t bytes);
CDEFER_HIDDEN _Noreturn void cdefer__fatal(const char *why);

#endif
