/* Correct code: the static analyzer must find nothing here. */
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>
int use_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  defer fclose(f);
  char *buf = malloc(64);
  if (!buf)
    return -1;
  defer free(buf);
  return fgets(buf, 64, f) ? 0 : 1;
}
int loop_frees(int n) {
  for (int i = 0; i < n; i++) {
    char *p = malloc(8);
    defer free(p);
  }
  return 0;
}
