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
 * block, or in the function a call-form defer calls. Like Go's argp, each
 * deferred call or block the panic runs gets an identity, a token; the
 * plugin lowers every recover() into __cdefer_v1_recover_by_token(token) with the token
 * of the code it stands in, so that no stack layout, inlining, tail call or
 * target can change the answer:
 *   - a deferred block's token comes from the marker before it
 *     (__cdefer_v1_unwind_block, only in the unwinding copy of the exit
 *     sequence; on a normal exit the token is 0);
 *   - a function that calls recover() takes its token at entry
 *     (__cdefer_v1_recover_token(itself)), which is the current deferred call's
 *     only if the panic is about to call exactly that function
 *     (__cdefer_v1_unwind_call(callee), right before the call). Anything the
 *     deferred call calls in turn finds the token taken, or meant for
 *     another function.
 * When the frame's copy of its exit sequence finishes,
 * __cdefer_v1_unwind_finish() returns if its deferred code recovered (the
 * frame then returns normally) and resumes the unwind otherwise. A recovery
 * is over (settled, Go takes the panic off its list) once the deferred code
 * that recovered returns: in frames that may recover, the copy says so
 * before each deferred code it runs next.
 *
 * A panic raised while deferred code runs for an older one stacks on top of
 * it (link); when the newer one enters the unwinding code of the frame
 * where the older one landed, or unwinds past that frame, the older one is
 * aborted: it will never resume, and it goes when the newer one is
 * recovered, or is printed before it if nothing recovers. A frame is told
 * apart by the slot its unwinding code keeps the exception in
 * (__cdefer_v1_unwind_land), not by its stack address: a function inlined
 * into deferred code shares its caller's stack frame, yet a panic it
 * recovers itself must leave the caller's panic running.
 *
 * Another language's exception (C++'s) landing in a frame whose deferred
 * code may recover gets a record of its own while that code runs (thrown):
 * recover() there returns NULL, although a panic the thread abandoned (a
 * C++ catch or a longjmp out of its deferred code) may still be on the
 * stack. A panic that code raises replaces the exception; when that panic
 * is recovered, the exception is caught and destroyed, as C++'s
 * catch (...) {} would.
 *
 * pthread_exit and pthread_cancel are Go's runtime.Goexit: a forced unwind
 * of someone else's that nothing may stop. Where it lands in a frame whose
 * deferred code may recover, it goes on the stack of panics as a goexit
 * record: recover() there returns NULL (Go: "Goexit is not a panic"), and
 * a panic raised in its deferred code and recovered does not make the
 * recovering frame return: the thread goes on exiting (Go's "a normal
 * recover would bypass/abort the Goexit").
 */
#define _GNU_SOURCE /* vasprintf */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
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
    _Bool settled;     /* recovered, and the deferred code that did returned */
    _Bool aborted;
    _Bool emergency;                    /* not from malloc */
    _Bool goexit;      /* a thread exit: foreign is its exception */
    _Bool thrown;      /* another language's exception: foreign is it */
    struct _Unwind_Exception *foreign;
    size_t token;        /* the deferred call or block running now, or 0 */
    void *callee;        /* the function about to be called with it */
    uintptr_t frame_sp;  /* the unwinder's CFA of the frame it reached last
                            (at first, the raising call's): only to tell
                            when a newer panic leaves it */
    unsigned hidden;     /* frames of the runtime the unwinding reaches next */
    void *const *slot;   /* the exception slot of the frame it landed in */
    struct cdefer__trace trace; /* last: new_panic clears only its head */
};

static _Thread_local struct cdefer_panic *panicking;
/* The last token given out: tokens never repeat on a thread, so a token
 * kept from an earlier deferred call never matches a later one. */
static _Thread_local size_t last_token;
static _Thread_local struct cdefer_panic emergency_panic;
/* The last finished panic's memory, kept for the next one: a program that
 * panics and recovers in a loop does not call malloc each time. */
static _Thread_local struct cdefer_panic *spare_panic;
/* panicf messages outlive their panic until the next recovery on the thread,
 * so that what recover() returned can still be printed. */
static _Thread_local char *retired_message;

/* Not a thread exit's nor another language's exception's record. */
static _Bool is_panic(const struct cdefer_panic *p)
{
    return !p->goexit && !p->thrown;
}

/* Go's printpanics: the oldest first, one per line, later ones indented.
 * A settled panic is over (Go has taken it off the list). Returns whether
 * it printed any. */
static _Bool print_panics(const struct cdefer_panic *p)
{
    _Bool older = p->link && print_panics(p->link);
    if (p->settled || !is_panic(p))
        return older;
    if (older)
        fputc('\t', stderr);
    if (!p->value) /* Go's panic(nil) */
        fputs("panic: nil", stderr);
    else if (p->is_value)
        fprintf(stderr, "panic: value %p", p->value);
    else
        fprintf(stderr, "panic: %s", (const char *)p->value);
    if (p->recovered)
        fputs(" [recovered]", stderr);
    fputc('\n', stderr);
    return 1;
}

/* unwound_to: the frame the unwinder could not go past, or 0. */
static _Noreturn void die(const struct cdefer_panic *p, const char *why,
                          uintptr_t unwound_to)
{
    /* Writing the report and waiting on the symbolizer are cancellation
     * points: a pthread_cancel there ended the thread, and the process
     * went on as if nothing had panicked. */
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
    fflush(NULL);
    if (p)
        print_panics(p);
    if (why)
        fprintf(stderr, "fatal error: cdefer: %s\n", why);
    if (p)
        cdefer__print_traceback(&p->trace, unwound_to);
    fflush(stderr);
    _exit(2);
}

static void free_panic(struct cdefer_panic *p)
{
    if (p->formatted) {
        free(retired_message);
        retired_message = p->formatted;
        cdefer__thread_keeps_state();
    }
    if (p->emergency) {
        p->emergency = 0; /* the thread's emergency panic is free again */
    } else if (!spare_panic) {
        spare_panic = p;
        cdefer__thread_keeps_state();
    } else {
        free(p);
    }
}

/* With CDEFER_TRACEBACK=all, the stack the thread's newest panic saw. */
static void trace_newest(void)
{
    struct cdefer_panic *p = panicking;
    cdefer__trace_panicking(p && is_panic(p) ? &p->trace : NULL);
}


/* The C++ runtime's, where the program has one. */
extern void *__cxa_begin_catch(void *exception) __attribute__((weak));
extern void __cxa_end_catch(void) __attribute__((weak));

/* C++'s exception classes end in "C++" and 0, or 1 for a dependent one
 * (std::rethrow_exception). */
static _Bool is_cxx_exception(const struct _Unwind_Exception *e)
{
    return (e->exception_class & 0xfffffffe) == 0x432b2b00;
}

/* A record goes: the exception of another language that a panic replaced,
 * or a thread exit abandoned, is caught and ended as catch (...) {} would,
 * so that C++ frees it and no longer counts it in
 * std::uncaught_exceptions(). */
static void discard(struct cdefer_panic *p)
{
    struct _Unwind_Exception *e = p->thrown ? p->foreign : NULL;
    free_panic(p);
    if (!e)
        return;
    if (is_cxx_exception(e) && __cxa_begin_catch && __cxa_end_catch) {
        __cxa_begin_catch(e);
        __cxa_end_catch();
    } else {
        _Unwind_DeleteException(e);
    }
}

void cdefer__panic_release_caches(void)
{
    cdefer__fast_unwind_thread_exit();
    free(spare_panic);
    spare_panic = NULL;
}

void cdefer__panic_thread_exit(void)
{
    /* A thread that exits with pthread_exit leaves its goexit record, and
     * the panics it aborted, behind (the traceback table, too). */
    struct cdefer_panic *left = panicking;
    panicking = NULL;
    trace_newest();
    while (left) {
        struct cdefer_panic *p = left;
        left = p->link;
        discard(p); /* a C++ exception a panic replaced ends too */
    }
    cdefer__panic_release_caches();
    free(retired_message);
    retired_message = NULL;
}

/* Removes p from the thread's stack of panics, with the aborted panics
 * under it: they were waiting in frames that p's unwinding left. */
static void finish(struct cdefer_panic *p)
{
    struct cdefer_panic *rest = p->link;
    while (rest && rest->aborted)
        rest = rest->link;
    /* Another thread's report may be reading the traceback table: it
     * stops naming these before they are freed. */
    panicking = rest;
    trace_newest();
    while (p != rest) {
        struct cdefer_panic *q = p->link;
        discard(p);
        p = q;
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

/* A frame the unwinding reached, with its return address and its stack
 * pointer at the call (the callee's CFA), which is where its landing pad
 * runs its deferred code. */
static void reach(void *arg, uintptr_t pc, uintptr_t sp)
{
    struct cdefer_panic *p = arg;
    if (p->hidden) {
        p->hidden--;
        return;
    }
    p->frame_sp = sp;
    p->slot = NULL; /* until this frame's unwinding code says it landed */
    cdefer__trace_frame(&p->trace, pc, p->frame_sp);
    p->token = 0;
    p->callee = NULL;
    /* Past the frame: strictly older stack. The frame itself is told by its
     * slot, when the unwinding code there calls unwind_land. Every older
     * panic is looked at, not only the last: in a frame whose deferred code
     * cannot recover, a newer panic that replaced an older one there leaves
     * without having said it landed (OwnLandPass drops the call), so it
     * never aborted the panic it replaced; the newest one, leaving that
     * frame, must abort both (test/panic/aborted-chain.c). */
    for (struct cdefer_panic *older = p->link; older; older = older->link)
        if (!older->aborted && p->frame_sp > older->frame_sp &&
            (!older->goexit || older->frame_sp))
            older->aborted = 1;
}

static _Unwind_Reason_Code stop(int version, _Unwind_Action actions,
                                _Unwind_Exception_Class cls,
                                struct _Unwind_Exception *e,
                                struct _Unwind_Context *context, void *arg)
{
    (void)version, (void)cls, (void)e;
    int signal_frame = 0;
    uintptr_t pc = _Unwind_GetIPInfo(context, &signal_frame);
    /* The end of the stack has no return address; a frame without unwind
     * tables ends it too early, and has one. */
    if (actions & _UA_END_OF_STACK)
        die(arg, NULL, pc);
    if (signal_frame)
        die(arg, "panic in a signal handler cannot unwind the code it "
                 "interrupted", 0);
    reach(arg, pc, _Unwind_GetCFA(context));
    return _URC_NO_REASON;
}

/* All but the recorded frames, which only the count says are there. */
static void clear(struct cdefer_panic *p)
{
    memset(p, 0, offsetof(struct cdefer_panic, trace.pc));
}

static struct cdefer_panic *new_panic(void)
{
    struct cdefer_panic *p = spare_panic;
    spare_panic = NULL;
    if (!p)
        p = malloc(sizeof *p);
    if (p) {
        clear(p);
        return p;
    }
    p = &emergency_panic;
    if (p->emergency)
        return NULL;
    clear(p);
    p->emergency = 1;
    return p;
}

/* AddressSanitizer's, where the program has it. */
extern void __asan_handle_no_return(void) __attribute__((weak));

/* The frames an unwind leaves never run their epilogues, so the stack
 * they held may still be poisoned (use-after-scope) where this file's
 * code, which ASan does not instrument, goes on to use it through
 * intercepted calls such as memcpy. ASan's own exception path clears that
 * (its _Unwind_RaiseException interceptor); this is the same for ours. */
static inline __attribute__((always_inline)) void leaving_frames(void)
{
    if (__asan_handle_no_return)
        __asan_handle_no_return();
}

static inline __attribute__((always_inline)) _Noreturn void
start(struct cdefer_panic *p)
{
    leaving_frames();
    p->exception.exception_class = panic_class;
    p->exception.exception_cleanup = delete_exception;
    /* Where it is until it reaches a frame: the call that raised it. A
     * signal handler that panics and recovers meanwhile stays below that,
     * and must not take this one for a panic it left behind (reach). */
    p->frame_sp = (uintptr_t)__builtin_dwarf_cfa();
    p->link = panicking;
    panicking = p;
    cdefer__trace_panicking(&p->trace);
    cdefer__fast_unwind(&p->exception, stop, p, reach);
    _Unwind_ForcedUnwind(&p->exception, stop, p);
    die(p, "the stack cannot be unwound (is it compiled without unwind "
           "tables?)", 0);
}

static _Noreturn void panic_out_of_memory(void *value, _Bool is_value)
{
    static struct cdefer_panic p;
    p.value = value;
    p.is_value = is_value;
    p.link = panicking;
    die(&p, "out of memory while panicking", 0);
}

void cdefer_panic(const char *message)
{
    struct cdefer_panic *p = new_panic();
    if (!p)
        panic_out_of_memory((void *)message, 0);
    p->value = (void *)message;
    p->trace.site = (uintptr_t)__builtin_return_address(0);
    start(p);
}

void cdefer_panic_value(void *value)
{
    struct cdefer_panic *p = new_panic();
    if (!p)
        panic_out_of_memory(value, 1);
    p->value = value;
    p->is_value = 1;
    p->trace.site = (uintptr_t)__builtin_return_address(0);
    start(p);
}

void cdefer_panicf(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    char *message = NULL;
    errno = 0;
    int n = vasprintf(&message, format, ap);
    va_end(ap);
    /* A conversion libc cannot make (a wide string that is no text in this
     * locale) is no reason to die: the message is the format, as written
     * (Go's fmt, which never fails, shows the verb instead). */
    if (n < 0 && errno != ENOMEM)
        n = (message = strdup(format)) ? 0 : -1;
    if (n < 0)
        panic_out_of_memory((void *)format, 0);
    struct cdefer_panic *p = new_panic();
    if (!p)
        panic_out_of_memory(message, 0);
    p->value = message;
    p->formatted = message;
    p->trace.site = (uintptr_t)__builtin_return_address(0);
    start(p);
}

/* recover() in code the plugin did not lower (C++, a file built without
 * the plugin, or `defer recover();`, where recover is the deferred call
 * itself) is never called directly by deferred code as Go means it. */
void *cdefer_recover(void)
{
    return NULL;
}

void *CDEFER_ABI_RECOVER(size_t token)
{
    /* A settled panic is over: the deferred code left to run is the older
     * panic's (Go has taken the settled one off its list). */
    struct cdefer_panic *p = panicking;
    while (p && p->settled)
        p = p->link;
    if (!p || !is_panic(p) || !token || token != p->token || p->recovered ||
        p->aborted)
        return NULL;
    p->recovered = 1;
    return p->value;
}

size_t CDEFER_ABI_RECOVER_TOKEN(void *self)
{
    struct cdefer_panic *p = panicking;
    if (!p || !self || p->callee != self)
        return 0;
    p->callee = NULL; /* a recursive call of self is one call too deep */
    return p->token;
}

/* The unwinding code of a frame is about to run its next deferred code: if
 * the deferred code before it recovered, that recovery is over (Go then
 * runs the rest as a normal return would). */
static void next_deferred(struct cdefer_panic *p)
{
    if (!p->recovered || p->settled)
        return;
    p->settled = 1;
    /* Go takes the aborted panics right under it off the list with it: the
     * frames they waited in are gone. It stays for the copy's finish, and
     * so does a thread exit it aborted, which the finish goes back to. */
    while (p->link && p->link->aborted && !p->link->goexit) {
        struct cdefer_panic *q = p->link;
        p->link = q->link;
        discard(q);
    }
}

void CDEFER_ABI_UNWIND_CALL(void *callee)
{
    struct cdefer_panic *p = panicking;
    if (p) {
        next_deferred(p);
        p->token = ++last_token;
        p->callee = callee;
    }
}

size_t CDEFER_ABI_UNWIND_BLOCK(void)
{
    struct cdefer_panic *p = panicking;
    if (!p)
        return 0;
    next_deferred(p);
    p->callee = NULL;
    return p->token = ++last_token;
}

/* A forced unwind that is not a panic: a thread exit (glibc's
 * pthread_exit and pthread_cancel). The unwinder keeps the stop function
 * of a forced unwind in private_1, and 0 there for a thrown exception. */
static _Bool is_thread_exit(const struct _Unwind_Exception *e)
{
    return e->exception_class != panic_class && e->private_1 != 0;
}

/* A new record on top of the thread's panics for exception e of someone
 * else's (goexit: a thread exit; else another language's); NULL without
 * memory for it: recover() then behaves as before there was one. The
 * thread's exit frees it (and ends another language's exception). */
static struct cdefer_panic *foreign_record(struct _Unwind_Exception *e,
                                           _Bool goexit)
{
    struct cdefer_panic *p = new_panic();
    if (!p)
        return NULL;
    p->goexit = goexit;
    p->thrown = !goexit;
    p->foreign = e;
    p->link = panicking;
    panicking = p;
    cdefer__thread_keeps_state();
    trace_newest();
    return p;
}

/* The goexit record of thread exit e, made on its first landing. */
static struct cdefer_panic *goexit_record(struct _Unwind_Exception *e)
{
    for (struct cdefer_panic *p = panicking; p; p = p->link)
        if (p->goexit && p->foreign == e)
            return p;
    return foreign_record(e, 1);
}

/* The record of exception e of another language, made where it lands. */
static struct cdefer_panic *thrown_record(struct _Unwind_Exception *e)
{
    struct cdefer_panic *p = panicking;
    if (p && p->thrown && p->foreign == e)
        return p; /* landed again in the same frame */
    return foreign_record(e, 0);
}

/* A panic that none of this thread's panics is was raised by another copy
 * of the runtime (a shared object linked with -Bsymbolic, or loaded with
 * RTLD_LOCAL, that has its own): nothing here can recover it, and its
 * report would not say why. */
static void check_ours(const struct _Unwind_Exception *e)
{
    if (e->exception_class != panic_class)
        return;
    for (const struct cdefer_panic *p = panicking; p; p = p->link)
        if (e == &p->exception)
            return;
    cdefer__fatal("a panic of another copy of the cdefer runtime reached "
                  "this one; the program and its shared objects must share "
                  "one runtime: link them against libcdefer.so");
}

/* landing_sp: the landing frame's stack pointer at the call, the CFA of
 * the runtime's entry point that it called. */
static inline __attribute__((always_inline)) void
land(void *const *slot, uintptr_t landing_sp)
{
    struct cdefer_panic *p = panicking;
    struct _Unwind_Exception *e = *slot;
    if (!p || e != &p->exception) {
        check_ours(e);
        p = is_thread_exit(e) ? goexit_record(e) : thrown_record(e);
        if (!p)
            return;
        /* Only to tell when a panic raised in its deferred code leaves
         * the frame: no callee's CFA is above the landing frame's stack
         * pointer. (Not a local's address: ASan's fake stack and SafeStack
         * keep locals off the machine stack.) */
        p->frame_sp = landing_sp;
    }
    p->slot = slot;
    for (struct cdefer_panic *older = p->link; older; older = older->link)
        if (older->slot == slot)
            older->aborted = 1;
}

void CDEFER_ABI_UNWIND_LAND(void *const *slot)
{
    land(slot, (uintptr_t)__builtin_dwarf_cfa());
}

/* Where a thread exit lands, whatever the frame's unwinding code says:
 * a frame whose deferred code cannot recover does not call unwind_land
 * (OwnLandPass removes the call), yet a panic raised there and recovered
 * further out must not end the exit (test/panic/thread-exit.c, exit 4).
 * The callee's CFA is the frame's stack pointer at the call, which is
 * where its landing pad runs: a panic its deferred code raises leaves the
 * frame when it reaches a frame above that (reach). */
_Unwind_Reason_Code CDEFER_ABI_PERSONALITY(int version, _Unwind_Action actions,
                                           _Unwind_Exception_Class cls,
                                           struct _Unwind_Exception *e,
                                           struct _Unwind_Context *context)
{
    _Unwind_Reason_Code code =
        __gcc_personality_v0(version, actions, cls, e, context);
    if (code == _URC_INSTALL_CONTEXT && (actions & _UA_FORCE_UNWIND) &&
        is_thread_exit(e)) {
        struct cdefer_panic *p = goexit_record(e);
        if (p) {
            p->frame_sp = _Unwind_GetCFA(context);
            p->slot = NULL; /* until the unwinding code says it landed */
        }
    }
    return code;
}

/* The same from a function whose deferred code cannot recover: frame
 * identifies the function, so that the plugin can remove the call where it
 * stayed in that function's own frame (pass/OwnLandPass.cpp). Where it
 * remains, the function was inlined into another. */
void CDEFER_ABI_UNWIND_LAND_INLINED(void *const *slot, unsigned frame)
{
    (void)frame;
    land(slot, (uintptr_t)__builtin_dwarf_cfa());
}

/* The end of a frame's unwinding code, where the panic goes on: the fast
 * path again when it can, else libgcc. Either sees this function's frame
 * first, which is not the program's. */
static inline __attribute__((always_inline)) _Noreturn void
resume(struct _Unwind_Exception *e)
{
    leaving_frames();
    struct cdefer_panic *p = panicking;
    if (p && e == &p->exception) {
        p->hidden = 1;
        cdefer__fast_unwind(e, stop, p, reach);
        p->hidden = 1;
    }
    _Unwind_Resume(e);
    __builtin_unreachable(); /* unwind.h does not say _Unwind_Resume is */
}

/* An exception not ours leaving a frame. A thread exit's record stays:
 * until it lands in another frame whose deferred code may recover, where
 * it is is not known (frames that cannot recover do not say), and no panic
 * leaving some frame aborts it. Another language's goes, made again where
 * it lands next. */
static void foreign_leaves_frame(struct _Unwind_Exception *e)
{
    for (struct cdefer_panic **at = &panicking; *at; at = &(*at)->link) {
        struct cdefer_panic *p = *at;
        if (p->foreign != e)
            continue;
        if (p->goexit) {
            p->frame_sp = 0;
            p->slot = NULL;
        } else {
            *at = p->link;
            free_panic(p);
            trace_newest();
        }
        return;
    }
}

void CDEFER_ABI_UNWIND_RESUME(struct _Unwind_Exception *e)
{
    foreign_leaves_frame(e);
    resume(e);
}

/* Code compiled by an earlier plugin asks this, then resumes. */
_Bool CDEFER_ABI_UNWIND_RECOVERED(void *exception)
{
    struct cdefer_panic *p = panicking;
    if (!p || exception != &p->exception || !p->recovered)
        return 0;
    struct cdefer_panic *exiting = p->link;
    if (exiting && exiting->goexit && exiting->aborted) {
        /* The panic was raised in deferred code run by a thread exit: Go
         * goes back to the exit, and so does this, from the frame that
         * recovered, whose deferred code has all run. */
        panicking = exiting;
        exiting->aborted = 0;
        trace_newest();
        free_panic(p);
        _Unwind_Resume(exiting->foreign);
        cdefer__fatal("a thread exit could not go on unwinding");
    }
    finish(p);
    return 1;
}

/* The end of a frame's unwinding code where its deferred code may have
 * recovered: returns if it did (the frame then returns normally), else
 * resumes. One call, not a test and two calls, in every such frame. */
static inline __attribute__((always_inline)) void
finish_frame(struct _Unwind_Exception *e)
{
    if (!CDEFER_ABI_UNWIND_RECOVERED(e)) {
        foreign_leaves_frame(e);
        resume(e);
    }
}

void CDEFER_ABI_UNWIND_FINISH(struct _Unwind_Exception *e)
{
    finish_frame(e);
}

/* The same in a function declared noreturn (\p function names it): its
 * callers go on as if it cannot return, so a recovery there ends the
 * program, saying why, where the return would have crashed it. */
_Noreturn void CDEFER_ABI_UNWIND_FINISH_NORETURN(struct _Unwind_Exception *e,
                                                 const char *function)
{
    finish_frame(e);
    char why[512];
    snprintf(why, sizeof why,
             "'%s' recovered a panic, but it is declared noreturn and cannot "
             "return to its caller; recover in a caller, or end the deferred "
             "code that recovers with exit, abort or longjmp",
             function);
    die(NULL, why, 0);
}
