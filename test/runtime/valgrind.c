// valgrind's memcheck finds no errors and no leaks in a program using both
// strategies, threads, big records, many pending defers, and panics with
// formatted messages that are recovered.
// REQUIRES: valgrind
// RUN: %cdefer -O1 -gdwarf-4 %s %runtime -o %t
// RUN: valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible %t 2>&1 | FileCheck %s
// CHECK: total 1201
// CHECK: ERROR SUMMARY: 0 errors
#include <cdefer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static long total;
static void add(long v) { total += v; }
struct big { long v[64]; };
static void add_big(struct big b) { total += b.v[63]; }

static void open_coded(void) {
  char *p = malloc(16);
  defer free(p);
  defer add(1);
}

static void records(int n) {
  for (int i = 0; i < n; i++)
    defer add(1);
  struct big b = {{0}};
  b.v[63] = 2;
  for (int i = 0; i < 100; i++)
    defer add_big(b);
}

static void fails(int i) {
  for (int j = 0; j < 3; j++)
    defer add(0);
  panicf("failure %d", i);
}

static void recovers(int i) {
  defer {
    if (recover())
      add(1);
  }
  fails(i);
}

static void *thread(void *arg) {
  records(500);
  return arg;
}

int main(void) {
  open_coded();
  records(200);
  for (int i = 0; i < 100; i++)
    recovers(i);
  pthread_t t;
  pthread_create(&t, NULL, thread, NULL);
  pthread_join(t, NULL);
  printf("total %ld\n", total);
  return 0;
}
