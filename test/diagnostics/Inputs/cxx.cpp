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

// Wherever a function stands in C++, not only at the top level.
namespace ns {
void in_namespace() {
  defer std::printf("x\n"); // expected-error {{'defer' is supported only in C}}
}
} // namespace ns

extern "C" {
void in_extern_c() {
  defer std::printf("x\n"); // expected-error {{'defer' is supported only in C}}
}
}

struct S {
  void member() {
    defer std::printf("x\n"); // expected-error {{'defer' is supported only in C}}
  }
  int result_member() {
    defer_result int r = 0; // expected-error {{'defer' is supported only in C}}
    return r;
  }
};

template <class T> void in_template(T t) {
  defer std::printf("%d\n", (int)t); // expected-error {{'defer' is supported only in C}}
}

auto lambda = [] { defer std::printf("x\n"); }; // expected-error {{'defer' is supported only in C}}

void labeled() {
again:
  defer std::printf("x\n"); // expected-error {{'defer' is supported only in C}}
  goto again;
}
