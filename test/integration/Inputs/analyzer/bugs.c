/* Planted bugs in code that uses defer: each must still be found. */
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>
int use_after_deferred_free(void) {
  char *p = malloc(8);
  if (!p) return -1;
  defer { p[0] = 1; }   /* runs last: after the free below */
  defer free(p);
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
void uninitialized_argument(void) {
  int x;
  defer printf("%d\n", x); /* evaluated here, before x is set */
  x = 1;
  printf("%d\n", x);
}
int double_free_in_loop(int n) {
  for (int i = 0; i < n; i++) {
    char *p = malloc(8);
    defer free(p);
    free(p);
  }
  return 0;
}
int leak_in_loop(int n) {
  for (int i = 0; i < n; i++) {
    char *p = malloc(8);
    if (getchar() == 'x')
      return 1;         /* leak: no defer yet */
    defer free(p);
  }
  return 0;
}
void keep(const char *p);
int captured_leak(int n) {
  char *p = malloc(8);
  defer keep(p);        /* takes p's value here; nothing frees it */
  p = NULL;
  return n;
}                       /* leak of what 'p' held (not a hidden name) */
