/* Planted bugs after a defer in functions whose defers use runtime records
 * (a defer in a loop): every path to each bug passes a defer's record. */
#include <cdefer.h>
#include <stdio.h>
#include <string.h>
size_t first_line_length(int n, const char **names) {
  static char line[256];
  char *last = NULL;
  for (int i = 0; i < n; i++) {
    FILE *f = fopen(names[i], "r");
    if (!f)
      return 0;
    defer fclose(f);
    if (fgets(line, sizeof line, f))
      last = line;
  }
  return strlen(last); /* last is NULL when n is 0 */
}
int average(int n, const int *values) {
  int sum = 0, count = 0;
  defer printf("average of %d\n", n);
  for (int i = 0; i < n; i++) {
    defer printf("%d\n", i);
    sum += values[i];
  }
  return sum / count; /* count is never incremented */
}
void deferred_store(int n) {
  int *slot = NULL;
  defer { *slot = n; } /* slot is still NULL at exit */
  for (int i = 0; i < n; i++)
    defer printf("%d\n", i);
}
