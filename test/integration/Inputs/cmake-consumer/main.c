// A program built against the installed CDefer CMake package.
#include <cdefer.h>
#include <stdio.h>

static int sum_file(const char *path) {
  defer_result int total = 0;
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  defer fclose(f);
  int v;
  while (fscanf(f, "%d", &v) == 1) {
    int square = v * v;
    defer { total += square; }
  }
  return 0;
}

int main(int argc, char **argv) {
  defer printf("main: done\n");
  for (int i = 1; i < argc; i++)
    printf("%s: %d\n", argv[i], sum_file(argv[i]));
  return 0;
}
