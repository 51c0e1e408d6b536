// More than 64 defer statements in one function (records, by count) keep
// LIFO order, and one frame holds millions of pending defers.
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
  long long n = 3000000;
  pending(n);
  printf("pending: sum %s\n", sum == n * (n + 1) / 2 ? "ok" : "wrong");
  return 0;
}
// CHECK: seventy: 70 run, lifo yes
// CHECK: pending: sum ok
