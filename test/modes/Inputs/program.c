// A small program exercising both strategies, used by the mode tests.
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

static int sum_with_cleanup(int n) {
  defer_result int total = 0;
  int *values = malloc(sizeof(int) * (size_t)n);
  defer free(values);
  for (int i = 0; i < n; i++) {
    values[i] = i;
    defer { total += values[i]; }
  }
  defer printf("summing %d values\n", n);
  return 0;
}

static void log_exit(const char *who) {
  defer printf("%s: exit\n", who);
  printf("%s: body\n", who);
}

int main(void) {
  log_exit("main");
  printf("sum = %d\n", sum_with_cleanup(5));
  return 0;
}
