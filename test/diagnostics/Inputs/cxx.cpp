// C++ may include <cdefer.h> and call the runtime, but not use defer.
#include <cdefer.h>
#include <cstdio>

void uses_runtime() {
  if (!recover())
    std::printf("not panicking\n");
}

int f() {
  defer std::printf("x\n"); // expected-error {{'defer' is supported only in C; compile this file as C, or use destructors in C++}}
  return 1;
}
