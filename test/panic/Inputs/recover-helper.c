// Helpers of recover-identity.c in another translation unit (for -flto).
#include <cdefer.h>
#include <stdio.h>

static const char *show(void *v) { return v ? (const char *)v : "nil"; }

void other_file_recovers(void) {
  printf("other_file_recovers: %s\n", show(recover()));
}

static void too_deep(void) {
  printf("other_file_calls_recoverer: %s\n", show(recover()));
}

void other_file_calls_recoverer(void) { too_deep(); }
