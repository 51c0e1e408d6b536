/* Checks of each function's own body (dead stores, insecure calls) under
 * cdefer-tidy (integration/clang-tidy.test): a deferred block with defers of
 * its own becomes a function, which the analyzer must be handed, as the
 * plugin hands it on in a compile. */
#include <cdefer.h>

void sink(int);
int produce(void);

void nested(void) {
  defer {
    defer sink(1);
    int x = produce();
    x = produce();
    sink(x);
  }
  sink(0);
}

void flat(void) {
  defer {
    int x = produce();
    x = produce();
    sink(x);
  }
  sink(0);
}
