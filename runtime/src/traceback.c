/*
 * traceback.c - where an uncaught panic, or a fatal signal, happened.
 *
 * Go prints the stack of a goroutine that panics and is not recovered;
 * so does cdefer, for the thread, from the function that called panic
 * outwards. The frames are the ones the panic's unwinding reached anyway
 * (panic.c records each as its stop function sees it: one store), so a
 * panic that is recovered pays nothing else for its traceback. Printing
 * happens on the way to _exit: symbolize.c names the frames.
 *
 * CDEFER_TRACEBACK, like GOTRACEBACK: none (the panic lines only), single
 * (the default: this thread's stack) or all (also every other thread that
 * is panicking, as far as its unwinding has come).
 *
 * Fatal signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL) print the same kind of
 * traceback when the program asks for it, with cdefer_trace_signals() or
 * CDEFER_TRACE_SIGNALS=1; the signal is then delivered again with its
 * default action, so the exit status and core dumps stay what they were.
 * Signal handling is never changed otherwise.
 */
#define _GNU_SOURCE /* gettid */
#include "internal.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

enum mode { TRACE_NONE, TRACE_SINGLE, TRACE_ALL };
static enum mode mode = TRACE_SINGLE;

/* --- Other threads' panics, for CDEFER_TRACEBACK=all. --- */

enum { PANICKING_THREADS = 64 };
static struct {
    pid_t tid;
    const struct cdefer__trace *trace;
} panicking_threads[PANICKING_THREADS];
static pthread_mutex_t panicking_lock = PTHREAD_MUTEX_INITIALIZER;

static void lock_panicking(void) { pthread_mutex_lock(&panicking_lock); }
static void unlock_panicking(void) { pthread_mutex_unlock(&panicking_lock); }

/* fork() copies only the calling thread: the lock is held across it, so
 * that the child's copy is not held by a thread it does not have (its
 * first panic waited for it forever), and the child forgets the parent's
 * threads. */
static void forget_parent_threads(void)
{
    memset(panicking_threads, 0, sizeof panicking_threads);
    unlock_panicking();
}

__attribute__((constructor)) static void handle_fork_while_panicking(void)
{
    if (pthread_atfork(lock_panicking, unlock_panicking,
                       forget_parent_threads) != 0)
        cdefer__fatal("cannot install the fork handlers");
}

void cdefer__trace_panicking(const struct cdefer__trace *t)
{
    if (mode != TRACE_ALL)
        return;
    pid_t self = gettid();
    pthread_mutex_lock(&panicking_lock);
    int free_slot = -1;
    for (int i = 0; i < PANICKING_THREADS; i++) {
        if (panicking_threads[i].tid == self) {
            free_slot = i;
            break;
        }
        if (free_slot < 0 && !panicking_threads[i].trace)
            free_slot = i;
    }
    if (free_slot >= 0) {
        panicking_threads[free_slot].tid = t ? self : 0;
        panicking_threads[free_slot].trace = t;
    }
    pthread_mutex_unlock(&panicking_lock);
}

/* --- Printing. --- */

/* Return addresses point after their call: step back into it, so that the
 * line is the call's. */
static void print_calls(const uintptr_t *returns, unsigned count)
{
    uintptr_t *calls = malloc((count ? count : 1) * sizeof *calls);
    if (!calls)
        return;
    for (unsigned i = 0; i < count; i++)
        calls[i] = returns[i] - 1;
    cdefer__print_frames(stderr, calls, count);
    free(calls);
}

/* The recorded frames from panic's caller on (the runtime's own come
 * first, up to the site), each frame once. */
static void print_stack(const struct cdefer__trace *t)
{
    unsigned kept = t->count < CDEFER_TRACE_FRAMES ? t->count
                                                   : CDEFER_TRACE_FRAMES;
    unsigned first = 0;
    while (first < kept && t->pc[first] != t->site)
        first++;
    if (first == kept)
        first = 0;
    uintptr_t *frames = malloc((kept ? kept : 1) * sizeof *frames);
    if (!frames)
        return;
    unsigned n = 0;
    for (unsigned i = first; i < kept; i++)
        if (i == first || t->cfa[i] != t->cfa[i - 1])
            frames[n++] = t->pc[i];
    print_calls(frames, n);
    free(frames);
    if (t->count > kept)
        fputs("...additional frames elided...\n", stderr);
}

static void print_unwinding_stopped(uintptr_t at)
{
    fputs("\ncdefer: the panic could not unwind past this frame, which has no "
          "unwind tables:\n", stderr);
    print_calls(&at, 1);
    fputs("cdefer: deferred code in it and in its callers did not run; compile "
          "its file with -funwind-tables (the default, unless "
          "-fno-asynchronous-unwind-tables or -fno-unwind-tables)\n",
          stderr);
}

static void print_other_threads(void)
{
    pid_t self = gettid();
    pthread_mutex_lock(&panicking_lock);
    for (int i = 0; i < PANICKING_THREADS; i++)
        if (panicking_threads[i].trace && panicking_threads[i].tid != self) {
            fprintf(stderr, "\nthread %d [panicking]:\n",
                    (int)panicking_threads[i].tid);
            print_stack(panicking_threads[i].trace);
        }
    pthread_mutex_unlock(&panicking_lock);
}

void cdefer__print_traceback(const struct cdefer__trace *t,
                             uintptr_t unwound_to)
{
    if (mode == TRACE_NONE)
        return;
    fprintf(stderr, "\nthread %d [running]:\n", (int)gettid());
    print_stack(t);
    if (unwound_to)
        print_unwinding_stopped(unwound_to);
    if (mode == TRACE_ALL)
        print_other_threads();
}

/* --- Fatal signals. --- */

struct signal_trace {
    struct cdefer__trace trace;
    _Bool reached; /* the interrupted frame has been reached */
};

/* The frames above the handler and the kernel's return trampoline are
 * skipped: the first one kept is the interrupted function, the only one
 * whose address is that of its instruction, not a return address. */
static _Unwind_Reason_Code collect(struct _Unwind_Context *context, void *arg)
{
    struct signal_trace *s = arg;
    int before_instruction = 0;
    uintptr_t pc = _Unwind_GetIPInfo(context, &before_instruction);
    if (!pc)
        return _URC_END_OF_STACK;
    if (!s->reached && !before_instruction)
        return _URC_NO_REASON;
    if (!s->reached)
        pc += 1; /* printed as return addresses are: minus one */
    s->reached = 1;
    cdefer__trace_frame(&s->trace, pc, _Unwind_GetCFA(context));
    /* One past what is kept says that more were elided; a stack that
     * overflowed has far more, and walking them all would take long. */
    return s->trace.count > CDEFER_TRACE_FRAMES ? _URC_END_OF_STACK
                                                : _URC_NO_REASON;
}

static const char *describe(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "segmentation violation";
    case SIGBUS:
        return "bus error";
    case SIGFPE:
        return "floating-point exception";
    case SIGILL:
        return "illegal instruction";
    default:
        return "fatal signal";
    }
}

/* Not async-signal-safe (it allocates and starts the symbolizer), like the
 * sanitizers' reports: it runs once, as the process goes down. */
static void on_fatal_signal(int sig, siginfo_t *info, void *ucontext)
{
    (void)ucontext;
    static struct signal_trace s;
    fflush(NULL);
    const char *name = sigabbrev_np(sig);
    fprintf(stderr, "signal SIG%s: %s (address %p)\n", name ? name : "?",
            describe(sig), info->si_addr);
    _Unwind_Backtrace(collect, &s);
    fprintf(stderr, "\nthread %d [running]:\n", (int)gettid());
    unsigned kept = s.trace.count < CDEFER_TRACE_FRAMES ? s.trace.count
                                                        : CDEFER_TRACE_FRAMES;
    print_calls(s.trace.pc, kept);
    if (s.trace.count > kept)
        fputs("...additional frames elided...\n", stderr);
    if (mode == TRACE_ALL)
        print_other_threads();
    fflush(stderr);
    /* SA_RESETHAND made the action the default again: deliver it. */
    raise(sig);
}

/* A stack of its own for the handler, per thread that asks: a stack
 * overflow leaves none to run it on (a thread that overflowed without one
 * died silently). */
static _Thread_local char *alternate;

void cdefer__signals_thread_exit(void)
{
    if (!alternate)
        return;
    stack_t off = {.ss_flags = SS_DISABLE};
    sigaltstack(&off, NULL);
    free(alternate);
    alternate = NULL;
}

int cdefer_trace_signals(void)
{
    if (!alternate) {
        size_t size = 64 * 1024;
        alternate = malloc(size);
        stack_t ss = {.ss_sp = alternate, .ss_size = size};
        if (!alternate || sigaltstack(&ss, NULL) != 0)
            return -1;
        cdefer__thread_keeps_state();
    }
    struct sigaction action = {0};
    action.sa_sigaction = on_fatal_signal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    static const int signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        if (sigaction(signals[i], &action, NULL) != 0)
            return -1;
    return 0;
}

/* The environment is read once, before main: a panic reads no variable. */
__attribute__((constructor)) static void read_environment(void)
{
    const char *traceback = getenv("CDEFER_TRACEBACK");
    if (traceback && strcmp(traceback, "none") == 0)
        mode = TRACE_NONE;
    else if (traceback && strcmp(traceback, "all") == 0)
        mode = TRACE_ALL;
    const char *signals = getenv("CDEFER_TRACE_SIGNALS");
    if (signals && strcmp(signals, "1") == 0)
        cdefer_trace_signals();
}
