// For two-runtimes.c: a shared object with a runtime of its own that tries
// to recover what the other copy raises.
#include <cdefer.h>
#include <stdio.h>

int copy_recovers(void (*f)(void)) {
  defer_result int recovered = 0;
  defer { recovered = recover() != NULL; }
  f();
  return 0;
}
