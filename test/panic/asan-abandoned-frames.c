// The frames a panic unwinds never run their epilogues, so AddressSanitizer
// may still hold their locals poisoned (use-after-scope) where the
// runtime's unwinder then works; it reported "stack-use-after-scope" in its
// own copies once a recovered panic had crossed about twenty instrumented
// frames. The runtime clears that shadow as ASan's own exception path does.
// RUN: %run-modes %s -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %s
#include <cdefer.h>
#include <stdio.h>

static int runs;

static void descend(int n) {
  for (int i = 0; i < 2; i++)
    defer { runs++; }
  if (n == 0)
    panic("bottom");
  if (n == 20) {
    defer { printf("recovered %s\n", (const char *)recover()); }
    descend(n - 1);
  } else {
    descend(n - 1);
  }
}

int main(void) {
  descend(20);
  printf("deferred runs: %d\n", runs);
  return 0;
}
// CHECK:      recovered bottom
// CHECK-NEXT: deferred runs: 42
