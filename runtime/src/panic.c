/*
 * panic.c - panic, recover and the unwinding that runs deferred code.
 *
 * A panic is an _Unwind_Exception thrown with _Unwind_ForcedUnwind: a
 * one-phase unwind that stops at every cleanup landing pad, so every frame
 * with defers runs them (UnwindPass.cpp gives each such frame a landing pad
 * entering a copy of its exit sequence), C++ destructors run, and frames
 * without cleanups are passed through. Our stop function sees each frame as
 * the unwinder reaches it; at the end of the stack the panic was not
 * recovered, and the process reports it and exits with status 2, as Go does.
 *
 * Recovery (Go's rule): recover() stops the panic only when called directly
 * by the deferred code the panic is running: inline in the frame's deferred
 * block, or in the function a call-form defer calls. The landing frame's
 * stack pointer identifies both (see cdefer_recover). When the frame's copy
 * of its exit sequence finishes, cdefer_unwind_recovered() tells it whether
 * to return normally instead of resuming the unwind.
 *
 * A panic raised while deferred code runs for an older one stacks on top of
 * it (link); when the newer one unwinds past the frame where the older one
 * landed, the older one is aborted: it will never resume, and it goes when
 * the newer one is recovered, or is printed before it if nothing recovers.
 */
#define _GNU_SOURCE /* vasprintf */
#include "internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

/* "CDEFERPN": how our exceptions tell themselves from C++'s and glibc's. */
static const _Unwind_Exception_Class panic_class = 0x4344454645525050ull;

struct cdefer_panic {
    struct _Unwind_Exception exception; /* must be first: the unwinder's view */
    struct cdefer_panic *link;          /* the older panic this one stacks on */
    void *value;                        /* what recover() returns */
    char *formatted;                    /* panicf's message; owned */
    _Bool is_value;                     /* panic_value: print as a pointer */
    _Bool recovered;
    _Bool aborted;
    _Bool emergency;                    /* not from malloc */
    _Bool in_deferred_call;             /* a call-form defer's callee runs */
    uintptr_t frame_sp;                 /* stack pointer of the frame the
                                           unwinder reached last: the frame
                                           whose deferred code runs */
};

static _Thread_local struct cdefer_panic *panicking;
static _Thread_local struct cdefer_panic emergency_panic;
/* The last finished panic's memory, kept for the next one: a program that
 * panics and recovers in a loop does not call malloc each time. */
static _Thread_local struct cdefer_panic *spare_panic;
/* panicf messages outlive their panic until the next recovery on the thread,
 * so that what recover() returned can still be printed. */
static _Thread_local char *retired_message;

/* Go's printpanics: the oldest first, one per line, later ones indented. */
static void print_panics(const struct cdefer_panic *p)
{
    if (p->link) {
        print_panics(p->link);
        fputc('\t', stderr);
    }
    if (p->is_value)
        fprintf(stderr, "panic: value %p", p->value);
    else
        fprintf(stderr, "panic: %s", (const char *)p->value);
    if (p->recovered)
        fputs(" [recovered]", stderr);
    fputc('\n', stderr);
}

static _Noreturn void die(const struct cdefer_panic *p, const char *why)
{
    fflush(NULL);
    if (p)
        print_panics(p);
    if (why)
        fprintf(stderr, "fatal error: cdefer: %s\n", why);
    fflush(stderr);
    _exit(2);
}

static void free_panic(struct cdefer_panic *p)
{
    if (p->formatted) {
        free(retired_message);
        retired_message = p->formatted;
    }
    if (p->emergency) {
        p->emergency = 0; /* the thread's emergency panic is free again */
    } else if (!spare_panic) {
        spare_panic = p;
    } else {
        free(p);
    }
}

/* Removes p from the thread's stack of panics, with the aborted panics
 * under it: they were waiting in frames that p's unwinding left. */
static void finish(struct cdefer_panic *p)
{
    panicking = p->link;
    free_panic(p);
    while (panicking && panicking->aborted) {
        struct cdefer_panic *q = panicking;
        panicking = q->link;
        free_panic(q);
    }
}

/* Called by _Unwind_DeleteException, when foreign code (a C++ catch (...)
 * that does not rethrow) ends a panic. */
static void delete_exception(_Unwind_Reason_Code reason,
                             struct _Unwind_Exception *e)
{
    (void)reason;
    struct cdefer_panic *p = (struct cdefer_panic *)e;
    if (p == panicking)
        finish(p);
}

static _Unwind_Reason_Code stop(int version, _Unwind_Action actions,
                                _Unwind_Exception_Class cls,
                                struct _Unwind_Exception *e,
                                struct _Unwind_Context *context, void *arg)
{
    (void)version, (void)cls, (void)e;
    struct cdefer_panic *p = arg;
    if (actions & _UA_END_OF_STACK)
        die(p, NULL);
    int signal_frame = 0;
    _Unwind_GetIPInfo(context, &signal_frame);
    if (signal_frame)
        die(p, "panic in a signal handler cannot unwind the code it "
               "interrupted");
    /* The context's CFA is the callee's: the stack pointer of this frame at
     * its call, which is where its landing pad runs its deferred code. */
    p->frame_sp = _Unwind_GetCFA(context);
    p->in_deferred_call = 0;
    struct cdefer_panic *older = p->link;
    if (older && !older->aborted && p->frame_sp >= older->frame_sp)
        older->aborted = 1;
    return _URC_NO_REASON;
}

static struct cdefer_panic *new_panic(void)
{
    struct cdefer_panic *p = spare_panic;
    spare_panic = NULL;
    if (!p)
        p = malloc(sizeof *p);
    if (p) {
        memset(p, 0, sizeof *p);
        return p;
    }
    p = &emergency_panic;
    if (p->emergency)
        return NULL;
    memset(p, 0, sizeof *p);
    p->emergency = 1;
    return p;
}

static _Noreturn void start(struct cdefer_panic *p)
{
    p->exception.exception_class = panic_class;
    p->exception.exception_cleanup = delete_exception;
    p->link = panicking;
    panicking = p;
    _Unwind_ForcedUnwind(&p->exception, stop, p);
    die(p, "the stack cannot be unwound (is it compiled without unwind "
           "tables?)");
}

static _Noreturn void panic_out_of_memory(void *value, _Bool is_value)
{
    struct cdefer_panic p = {.value = value, .is_value = is_value};
    p.link = panicking;
    die(&p, "out of memory while panicking");
}

void cdefer_panic(const char *message)
{
    struct cdefer_panic *p = new_panic();
    if (!p)
        panic_out_of_memory((void *)message, 0);
    p->value = (void *)message;
    start(p);
}

void cdefer_panic_value(void *value)
{
    struct cdefer_panic *p = new_panic();
    if (!p)
        panic_out_of_memory(value, 1);
    p->value = value;
    p->is_value = 1;
    start(p);
}

void cdefer_panicf(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    char *message = NULL;
    int n = vasprintf(&message, format, ap);
    va_end(ap);
    if (n < 0)
        panic_out_of_memory((void *)format, 0);
    struct cdefer_panic *p = new_panic();
    if (!p)
        panic_out_of_memory(message, 0);
    p->value = message;
    p->formatted = message;
    start(p);
}

struct caller_frames {
    int seen;
    uintptr_t sp[3]; /* stack pointers at the calls, innermost first */
};

static _Unwind_Reason_Code note_frame(struct _Unwind_Context *context,
                                      void *arg)
{
    struct caller_frames *f = arg;
    f->sp[f->seen++] = _Unwind_GetCFA(context);
    return f->seen == 3 ? _URC_END_OF_STACK : _URC_NO_REASON;
}

/* Deferred code inline in the landing frame calls us from that frame's
 * stack pointer, which is our own CFA; a call-form defer's callee is called
 * from there, so its caller's frame (found by a short backtrace: frame 0 is
 * this function, 1 the callee, 2 the landing frame) has that stack pointer. */
__attribute__((noinline)) void *cdefer_recover(void)
{
    struct cdefer_panic *p = panicking;
    if (!p || p->recovered || p->aborted)
        return NULL;
    uintptr_t caller_sp = (uintptr_t)__builtin_dwarf_cfa();
    int direct;
    if (!p->in_deferred_call) {
        direct = caller_sp == p->frame_sp;
    } else {
        struct caller_frames f = {0};
        _Unwind_Backtrace(note_frame, &f);
        direct = f.seen == 3 && f.sp[2] == p->frame_sp;
    }
    if (!direct)
        return NULL;
    p->recovered = 1;
    return p->value;
}

void cdefer_unwind_deferred_call(void)
{
    if (panicking)
        panicking->in_deferred_call = 1;
}

void cdefer_unwind_deferred_block(void)
{
    if (panicking)
        panicking->in_deferred_call = 0;
}

_Bool cdefer_unwind_recovered(void *exception)
{
    struct cdefer_panic *p = panicking;
    if (!p || exception != &p->exception || !p->recovered)
        return 0;
    finish(p);
    return 1;
}
