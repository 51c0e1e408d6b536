/* A path note through an open-coded function's return
 * (integration/analyzer.test): it named the hidden variable that holds the
 * returned value. */
#include <cdefer.h>
#include <stdlib.h>

static char *make(int n) {
  char *p = malloc(4);
  if (!p)
    return NULL;
  defer { (void)n; }
  return p;
}

int use(void) {
  char *q = make(1);
  if (!q)
    return 0;
  int c = q[0]; /* uninitialized */
  free(q);
  return c;
}
