// The C++ half of cxx-interop.c: frames with destructors, a throw, a catch.
#include <cstdio>
#include <stdexcept>

extern "C" int c_with_defers(void (*callback)(int), int value);
extern "C" int c_recovers_through(void (*cxx)(void (*)(void)),
                                  void (*c_panics)(void));
extern "C" void c_panics(void);

struct Noisy {
  const char *name;
  ~Noisy() { std::printf("C++ destructor: %s\n", name); }
};

extern "C" void cxx_throws(int value) {
  Noisy n{"thrower"};
  throw std::runtime_error("thrown from C++ with " + std::to_string(value));
}

extern "C" void cxx_frame_calls(void (*f)(void)) {
  Noisy n{"frame the panic passes"};
  f();
}

int main() {
  try {
    c_with_defers(cxx_throws, 7);
    std::printf("not reached\n");
  } catch (const std::exception &e) {
    std::printf("C++ caught: %s\n", e.what());
  }
  int r = c_recovers_through(cxx_frame_calls, c_panics);
  std::printf("C recovered through C++, returned %d\n", r);
  return 0;
}
