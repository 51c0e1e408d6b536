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

/* Before main and before any thread: no first use has to race to make the
 * key. */
__attribute__((constructor)) static void make_exit_key(void)
{
    if (pthread_key_create(&exit_key, thread_exits) != 0)
        cdefer__fatal("cannot create the thread-exit key");
}

/* A runtime in a shared object that dlclose unloads takes its key along:
 * a thread that exited later called a destructor no longer mapped, and
 * each load used up one of the process's keys. It gives back the memory
 * that no one could reach once it is gone: the calling thread's and the
 * pool's (each load and unload kept up to 1.9 MiB). Other threads' caches
 * stay: they may still be running, here at the process's exit. At exit,
 * what defers after this runs keeps its state until the process ends. */
__attribute__((destructor)) static void delete_exit_key(void)
{
    exit_key_deleted = 1;
    pthread_key_delete(exit_key);
    thread_exits(NULL);
    cdefer__pool_release();
}

void cdefer__thread_keeps_state(void)
{
    if (__builtin_expect(registered, 1))
        return;
    registered = 1;
    /* Any value but NULL makes the destructor run at thread exit. */
    if (!exit_key_deleted)
        pthread_setspecific(exit_key, &registered);
}
