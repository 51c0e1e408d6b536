#include <cdefer.h>
#include <stdio.h>

int sum_file(const char *path) {
  defer_result int total = 0;
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  defer fclose(f);
  int v;
  while (fscanf(f, "%d", &v) == 1) {
    int square = v * v;
    defer { total += square; } // one per number, all at exit
  }
  return 0;
}
