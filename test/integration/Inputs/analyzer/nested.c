#include <cdefer.h>
#include <stdio.h>

/* A deferred block with a defer of its own runs as a hidden function whose
 * first parameter is its recover() token, read only where the block calls
 * recover(). */
void report(int n) {
  defer {
    defer printf("inner\n");
    printf("outer %d\n", n);
  }
  printf("body\n");
}
