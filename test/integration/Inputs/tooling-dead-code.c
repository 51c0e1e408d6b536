// Read by clangd.test: under CDEFER_TOOLING only the code after the
// return is dead to -Wunreachable-code, not the deferred statements.
#include <cdefer.h>
#include <stdlib.h>

int drop(char *p) {
  defer free(p);
  return 0;
  free(p);
}
