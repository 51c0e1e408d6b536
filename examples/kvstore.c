/*
 * kvstore - a string-to-count map shared by threads, every operation under
 * the map's lock, released by `defer` however the operation returns.
 *
 *     kvstore [THREADS] [KEYS]
 *
 * Each thread adds 1 to every key, KEYS times over; at the end every count
 * must be THREADS * KEYS, and the map is printed in order.
 */
#include <cdefer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
    char *key;
    long count;
    struct node *next;
};

struct map {
    pthread_mutex_t lock;
    struct node *buckets[64];
    long size;
};

static unsigned bucket_of(const char *key)
{
    unsigned h = 2166136261u;
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 16777619u;
    return h % 64;
}

/* Adds delta to key's count; returns the new count, or -1 out of memory. */
static long map_add(struct map *m, const char *key, long delta)
{
    pthread_mutex_lock(&m->lock);
    defer pthread_mutex_unlock(&m->lock);

    struct node **slot = &m->buckets[bucket_of(key)];
    for (struct node *n = *slot; n; n = n->next)
        if (strcmp(n->key, key) == 0)
            return n->count += delta;
    struct node *n = malloc(sizeof *n);
    if (!n)
        return -1;
    n->key = strdup(key);
    if (!n->key) {
        free(n);
        return -1;
    }
    n->count = delta;
    n->next = *slot;
    *slot = n;
    m->size++;
    return delta;
}

static long map_get(struct map *m, const char *key)
{
    pthread_mutex_lock(&m->lock);
    defer pthread_mutex_unlock(&m->lock);
    for (struct node *n = m->buckets[bucket_of(key)]; n; n = n->next)
        if (strcmp(n->key, key) == 0)
            return n->count;
    return 0;
}

static void map_destroy(struct map *m)
{
    for (int b = 0; b < 64; b++)
        for (struct node *n = m->buckets[b], *next; n; n = next) {
            next = n->next;
            free(n->key);
            free(n);
        }
    pthread_mutex_destroy(&m->lock);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints the map sorted by key; every count should equal `expect`. */
static int map_print(struct map *m, long expect)
{
    pthread_mutex_lock(&m->lock);
    defer pthread_mutex_unlock(&m->lock);
    char **keys = malloc(sizeof *keys * (size_t)m->size + 1);
    if (!keys)
        return -1;
    defer free(keys);
    long n = 0, wrong = 0;
    for (int b = 0; b < 64; b++)
        for (struct node *e = m->buckets[b]; e; e = e->next) {
            keys[n++] = e->key;
            wrong += e->count != expect;
        }
    qsort(keys, (size_t)n, sizeof *keys, by_key);
    for (long i = 0; i < n && i < 5; i++)
        printf("  %s\n", keys[i]);
    if (n > 5)
        printf("  ... %ld keys in all\n", n);
    return wrong ? -1 : 0;
}

struct job {
    struct map *map;
    int keys, rounds;
};

static void *worker(void *arg)
{
    struct job *job = arg;
    char key[32];
    for (int r = 0; r < job->rounds; r++)
        for (int k = 0; k < job->keys; k++) {
            snprintf(key, sizeof key, "key-%04d", k);
            if (map_add(job->map, key, 1) < 0)
                return "out of memory";
        }
    return NULL;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 4;
    int keys = argc > 2 ? atoi(argv[2]) : 200;
    if (threads < 1 || threads > 64 || keys < 1) {
        fprintf(stderr, "usage: kvstore [THREADS 1-64] [KEYS]\n");
        return 2;
    }
    struct map m = {.lock = PTHREAD_MUTEX_INITIALIZER};
    defer map_destroy(&m);

    struct job job = {&m, keys, 10};
    pthread_t tid[64];
    for (int i = 0; i < threads; i++)
        pthread_create(&tid[i], NULL, worker, &job);
    for (int i = 0; i < threads; i++) {
        void *failed;
        pthread_join(tid[i], &failed);
        if (failed) {
            fprintf(stderr, "kvstore: %s\n", (char *)failed);
            return 1;
        }
    }
    long expect = (long)threads * job.rounds;
    printf("%d threads, %ld keys, key-0000 = %ld\n", threads, m.size,
           map_get(&m, "key-0000"));
    int rc = map_print(&m, expect);
    printf("%s\n", rc == 0 ? "every count is right" : "WRONG COUNTS");
    return rc == 0 ? 0 : 1;
}
