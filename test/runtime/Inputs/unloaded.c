// A shared object built with cdefer-cc, for dlopen.c: it defers enough to
// take a chunk, and panics and recovers.
#include <cdefer.h>

static void add(long *sum, long x) { *sum += x; }

static long sums(int n, int panics) {
  defer_result long sum = 0;
  for (int i = 0; i < n; i++)
    defer add(&sum, i);
  if (panics)
    panic("inside the shared object");
  return 0;
}

// -(0 + 1 + ... + n-1): the sum, negated once the panic is recovered.
long unloaded_work(int n) {
  defer_result long sum = sums(n, 0);
  defer {
    if (recover())
      sum = -sum;
  }
  sums(n, 1);
  return sum;
}
