/*
 * thread.c - the runtime across threads and processes: the pool's lock, a
 * thread's cache going back to the pool when the thread exits, and fork().
 */
#include "internal.h"

#include <pthread.h>

static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
static pthread_key_t exit_key;

void cdefer__pool_lock(void) { pthread_mutex_lock(&pool_mutex); }
void cdefer__pool_unlock(void) { pthread_mutex_unlock(&pool_mutex); }

/* fork() copies only the calling thread: the lock is taken around it so that
 * the child never inherits a pool another thread was changing. */
void cdefer__pool_reset_lock(void)
{
    pthread_mutex_init(&pool_mutex, NULL);
}

static void return_cache(void *caches)
{
    cdefer__pool_take_all(caches);
}

static void setup(void)
{
    pthread_key_create(&exit_key, return_cache);
    pthread_atfork(cdefer__pool_lock, cdefer__pool_unlock,
                   cdefer__pool_reset_lock);
}

void cdefer__thread_register(struct cdefer__list *caches)
{
    pthread_once(&setup_once, setup);
    pthread_setspecific(exit_key, caches);
}
