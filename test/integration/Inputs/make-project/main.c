#include <cdefer.h>
#include <stdio.h>

int sum_file(const char *path);

int main(int argc, char **argv) {
  defer printf("main: done\n");
  for (int i = 1; i < argc; i++)
    printf("%s: %d\n", argv[i], sum_file(argv[i]));
  return 0;
}
