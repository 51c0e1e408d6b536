/* Correct code that uses defer: the static analyzer, clang-tidy's
 * clang-analyzer-* and bugprone-* checks, and -Wall -Wextra
 * -Wthread-safety must find nothing here. */
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct __attribute__((capability("mutex"))) mutex {
  int held;
};
void lock(struct mutex *m) __attribute__((acquire_capability(*m)));
void unlock(struct mutex *m) __attribute__((release_capability(*m)));
static struct mutex mu;
static int counter __attribute__((guarded_by(mu)));

int use_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  defer fclose(f);
  char *buf = malloc(64);
  if (!buf)
    return -1;
  defer free(buf);
  return fgets(buf, 64, f) ? 0 : 1;
}

int loop_frees(int n) {
  for (int i = 0; i < n; i++) {
    char *p = malloc(8);
    if (!p)
      return -1;
    defer free(p);
    p[0] = 0;
  }
  return 0;
}

int critical_section(void) {
  lock(&mu);
  defer unlock(&mu);
  return ++counter;
}

int read_later(int n) {
  int x;
  defer { printf("%d\n", x); }
  x = n * 2;
  return x;
}

int named_result(const char *path) {
  defer_result int status = 0;
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  defer {
    if (fclose(f) != 0 && status == 0)
      status = -2;
  }
  return fgetc(f) == EOF ? 1 : 0;
}

char *grow(size_t n) {
  char *buf = malloc(16);
  if (!buf)
    return NULL;
  defer { free(buf); } /* reads buf at exit: the final buffer */
  for (size_t cap = 16; cap < n; cap *= 2) {
    char *bigger = realloc(buf, cap * 2);
    if (!bigger)
      return NULL;
    buf = bigger;
  }
  return strdup("done");
}

static void risky(int k) {
  if (k > 2)
    panic("too big");
}

int recovering(int k) {
  defer_result int r = 0;
  char *scratch = malloc(32);
  if (!scratch)
    return -1;
  defer free(scratch);
  defer {
    if (recover())
      r = -1;
  }
  risky(k);
  return k;
}

/* A defer before a call that does not return: its exit never comes. */
void give_up(const char *why) {
  char *message = malloc(64);
  if (!message)
    abort();
  defer free(message);
  message[0] = why[0];
  message[1] = '\0';
  fputs(message, stderr);
  panic("giving up"); /* not message: the defer frees it as the panic unwinds */
}

/* A deferred block with defers of its own (a function of its own). */
int nested_cleanup(const char *path) {
  char *buf = malloc(16);
  if (!buf)
    return -1;
  defer {
    FILE *log = fopen(path, "a");
    if (log) {
      defer fclose(log);
      fputs("done\n", log);
    }
    free(buf);
  }
  buf[0] = 0;
  return 0;
}

/* Records (defers in a loop) with a return from inside the loop, after a
 * defer that frees: the analyzer used to follow the exit's records loop
 * round once more than it runs, and reported the earlier free as double. */
int loop_after_outer_free(int n) {
  char *all = malloc(8);
  if (!all)
    return -1;
  defer { free(all); }
  for (int i = 0; i < n; i++) {
    char *p = malloc(4);
    if (!p)
      return -1;
    defer { free(p); }
    if (getchar() == 'x')
      return -2;
  }
  return 0;
}

/* Records larger than the buffer a compiled call keeps on its stack. */
struct big {
  char pad[300];
  char *p;
};
static void release(struct big b) { free(b.p); }

int loop_big_records(int n) {
  char *all = malloc(8);
  if (!all)
    return -1;
  defer { free(all); }
  for (int i = 0; i < n; i++) {
    struct big b = {.p = malloc(4)};
    if (!b.p)
      return -1;
    defer release(b);
    if (getchar() == 'x')
      return -2;
  }
  return 0;
}
