// C++ that calls C code with defers, and panic/recover's declarations
// from <cdefer.h> (cmake-package.test).
#include <cdefer.h>
#include <cstdio>

extern "C" int sum_file(const char *path);

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    std::printf("C++: %s: %d\n", argv[i], sum_file(argv[i]));
  std::printf("C++: recover() outside deferred code: %s\n",
              recover() ? "a value" : "NULL");
  return 0;
}
