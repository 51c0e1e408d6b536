/* Planted bugs the static analyzer must still find. */
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>
int use_after_deferred_free(void) {
  char *p = malloc(8);
  if (!p) return -1;
  defer free(p);
  defer { p[0] = 1; }   /* runs first: fine */
  return 0;
}
int leak_on_path(int k) {
  char *p = malloc(8);
  if (k) return 1;      /* leak: no defer yet */
  defer free(p);
  return 0;
}
int double_free(void) {
  char *p = malloc(8);
  defer free(p);
  free(p);
  return 0;
}
