/*
 * wordfreq - count the words of text files and print the most frequent.
 *
 *     wordfreq [-n TOP] FILE...
 *
 * Every resource is released by a defer next to where it is acquired: the
 * files (one defer per file, in a loop: they are all closed when main
 * returns), the read buffer, and the hash table with each of its words.
 */
#include <cdefer.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char *word;
    long count;
    struct entry *next;
};

struct table {
    struct entry **buckets;
    size_t nbuckets, nentries;
};

static unsigned long hash(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->nbuckets; i++) {
        struct entry *e = t->buckets[i];
        while (e) {
            struct entry *next = e->next;
            free(e->word);
            free(e);
            e = next;
        }
    }
    free(t->buckets);
}

static int table_add(struct table *t, const char *word)
{
    struct entry **slot = &t->buckets[hash(word) % t->nbuckets];
    for (struct entry *e = *slot; e; e = e->next)
        if (strcmp(e->word, word) == 0) {
            e->count++;
            return 0;
        }
    struct entry *e = malloc(sizeof *e);
    if (!e)
        return -1;
    e->word = strdup(word);
    if (!e->word) {
        free(e);
        return -1;
    }
    e->count = 1;
    e->next = *slot;
    *slot = e;
    t->nentries++;
    return 0;
}

/* Adds every word of f to t; returns the number of words or -1. */
static long count_words(FILE *f, struct table *t)
{
    defer_result long words = 0;
    size_t cap = 64, len = 0;
    char *word = malloc(cap);
    if (!word)
        return -1;
    /* A block, not `defer free(word);`: realloc below may move the buffer,
     * and a block reads `word` at exit where a call would have captured the
     * pointer now. */
    defer { free(word); }
    int c;
    while ((c = getc(f)) != EOF) {
        if (isalnum(c) || c == '_') {
            if (len + 1 == cap) {
                char *bigger = realloc(word, cap *= 2);
                if (!bigger)
                    return -1;
                word = bigger;
            }
            word[len++] = (char)tolower(c);
            continue;
        }
        if (len == 0)
            continue;
        word[len] = '\0';
        len = 0;
        if (table_add(t, word) != 0)
            return -1;
        words++;
    }
    return ferror(f) ? -1 : words;
}

static int by_count(const void *a, const void *b)
{
    const struct entry *x = *(const struct entry *const *)a;
    const struct entry *y = *(const struct entry *const *)b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->word, y->word);
}

static int print_top(const struct table *t, size_t top)
{
    struct entry **all = malloc(t->nentries * sizeof *all + 1);
    if (!all)
        return -1;
    defer free(all);
    size_t n = 0;
    for (size_t i = 0; i < t->nbuckets; i++)
        for (struct entry *e = t->buckets[i]; e; e = e->next)
            all[n++] = e;
    qsort(all, n, sizeof *all, by_count);
    for (size_t i = 0; i < n && i < top; i++)
        printf("%7ld %s\n", all[i]->count, all[i]->word);
    return 0;
}

int main(int argc, char **argv)
{
    size_t top = 10;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        top = (size_t)strtoul(argv[2], NULL, 10);
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: wordfreq [-n TOP] FILE...\n");
        return 2;
    }

    struct table t = {calloc(4096, sizeof(struct entry *)), 4096, 0};
    if (!t.buckets)
        return 1;
    defer table_free(&t);

    long total = 0;
    for (int i = first; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            fprintf(stderr, "wordfreq: %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        defer fclose(f); /* one per file: all closed when main returns */
        long words = count_words(f, &t);
        if (words < 0) {
            fprintf(stderr, "wordfreq: %s: read error\n", argv[i]);
            return 1;
        }
        total += words;
    }
    printf("%ld words, %zu distinct, in %d files\n", total, t.nentries,
           argc - first);
    return print_top(&t, top) == 0 ? 0 : 1;
}
