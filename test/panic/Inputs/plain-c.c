// Compiled without the plugin: a C frame a panic must pass through.
#include <stdio.h>

static void report(int *v) { printf("plain C cleanup attribute: %d\n", *v); }

void plain_c_calls(void (*f)(void)) {
  __attribute__((cleanup(report))) int v = 7;
  f();
  printf("plain C: not reached\n");
}
