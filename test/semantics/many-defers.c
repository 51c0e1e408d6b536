// More than 64 defer statements in one function (records, by count) keep
// LIFO order, and one frame holds millions of pending defers. Past 256
// defer statements in one function the IR pass keeps the records frame in
// memory (compile time): still LIFO, on return and in a panic.
// RUN: %run-modes %s | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static int trail[80], used;
static void push(int v) { trail[used++] = v; }

#define D2(n) defer push(n); defer push(n + 1);
#define D10(n) D2(n) D2(n + 2) D2(n + 4) D2(n + 6) D2(n + 8)

static void seventy(void) {
  D10(0) D10(10) D10(20) D10(30) D10(40) D10(50) D10(60)
}

static int big_trail[300], big_used;
static void big_push(int v) { big_trail[big_used++] = v; }
#define B2(n) defer big_push(n); defer big_push(n + 1);
#define B10(n) B2(n) B2(n + 2) B2(n + 4) B2(n + 6) B2(n + 8)
#define B100(n) B10(n) B10(n + 10) B10(n + 20) B10(n + 30) B10(n + 40) \
                B10(n + 50) B10(n + 60) B10(n + 70) B10(n + 80) B10(n + 90)

static void three_hundred(int fail) {
  B100(0) B100(100) B100(200)
  if (fail)
    panic("after 300");
}

static void catch_three_hundred(void) {
  defer { recover(); }
  three_hundred(1);
}

static const char *big_lifo(void) {
  int ok = big_used == 300;
  for (int i = 0; i < big_used; i++)
    ok &= big_trail[i] == 299 - i;
  big_used = 0;
  return ok ? "yes" : "no";
}

static long long sum;
static void add(long long v) { sum += v; }

static long long pending(long long n) {
  sum = 0;
  for (long long i = 1; i <= n; i++)
    defer add(i);
  return n;
}

int main(void) {
  seventy();
  int lifo = used == 70;
  for (int i = 0; i < used; i++)
    lifo &= trail[i] == 69 - i;
  printf("seventy: %d run, lifo %s\n", used, lifo ? "yes" : "no");
  three_hundred(0);
  printf("three hundred: lifo %s\n", big_lifo());
  catch_three_hundred();
  printf("three hundred, panicking: lifo %s\n", big_lifo());
  long long n = 3000000;
  pending(n);
  printf("pending: sum %s\n", sum == n * (n + 1) / 2 ? "ok" : "wrong");
  return 0;
}
// CHECK: seventy: 70 run, lifo yes
// CHECK: three hundred: lifo yes
// CHECK: three hundred, panicking: lifo yes
// CHECK: pending: sum ok
