/*
 * thread.c - what a thread leaves behind when it exits: its cache of chunks
 * goes back to the pool, and what panic and recover kept for it is freed.
 */
#include "internal.h"

#include <pthread.h>

static pthread_key_t exit_key;
static _Atomic _Bool exit_key_deleted;
static _Thread_local _Bool registered;

static void thread_exits(void *unused)
{
    (void)unused;
    /* A destructor of the program's that runs after this one may defer or
     * panic again: that registers anew, and the C library, which calls
     * destructors again while any key has a value, frees it too. */
    registered = 0;
    cdefer__pool_thread_exit();
    cdefer__panic_thread_exit();
    cdefer__signals_thread_exit();
}

static pthread_once_t exit_key_made = PTHREAD_ONCE_INIT;

static void create_exit_key(void)
{
    if (pthread_key_create(&exit_key, thread_exits) != 0)
        cdefer__fatal("cannot create the thread-exit key");
}

/* Before main and before any thread; and on first use, which may come
 * first: another constructor's (CDEFER_TRACE_SIGNALS=1's, before this one
 * in a static link), which set key 0, someone else's. */
static void make_exit_key(void)
{
    pthread_once(&exit_key_made, create_exit_key);
}

__attribute__((constructor)) static void make_exit_key_early(void)
{
    make_exit_key();
}

/* A runtime in a shared object that dlclose unloads takes its key along:
 * a thread that exited later called a destructor no longer mapped, and
 * each load used up one of the process's keys. It gives back the caches
 * no one could reach once it is gone: the calling thread's chunks and the
 * pool's (each load and unload kept up to 1.9 MiB), its spare panic and
 * decoded unwind tables. Not what a later destructor may still read (here
 * at the process's exit: a recovered panicf message) or run on (the signal
 * stack), nor other threads' caches: they may still be running. At exit,
 * what defers after this keeps its state until the process ends. */
__attribute__((destructor)) static void delete_exit_key(void)
{
    exit_key_deleted = 1;
    pthread_key_delete(exit_key);
    cdefer__pool_thread_exit();
    cdefer__pool_release();
    cdefer__panic_release_caches();
}

void cdefer__thread_keeps_state(void)
{
    if (__builtin_expect(registered, 1))
        return;
    registered = 1;
    /* Any value but NULL makes the destructor run at thread exit. */
    if (!exit_key_deleted) {
        make_exit_key();
        pthread_setspecific(exit_key, &registered);
    }
}
