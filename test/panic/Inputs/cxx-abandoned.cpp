// The C++ half of cxx-abandoned.c: an exception whose destruction is
// counted, and the catches that abandon panics.
#include <cstdio>
#include <cstring>
#include <exception>
#include <pthread.h>

extern "C" void panic_then_throw(void);
extern "C" void panic_then_longjmp(void);
extern "C" void recover_while_thrown(void);
extern "C" void panic_replaces_thrown(int in_frame);
extern "C" void exits_during_exception(void);

static int alive; // exceptions thrown and not yet destroyed

struct Counted {
  Counted() { alive++; }
  Counted(const Counted &) { alive++; }
  ~Counted() { alive--; }
};

extern "C" void cxx_throw(void) { throw Counted(); }
extern "C" void leave_thread(void) { pthread_exit(nullptr); }

static void report(const char *what) {
  std::printf("%s: %d uncaught, %d alive\n", what,
              std::uncaught_exceptions(), alive);
}

// The catch makes the exception unwind at all (with none, C++ ends the
// program before it leaves its thrower); the thread exits before it. (Not
// catch (...), which must rethrow the thread exit's own unwinding.)
static void *exiting_thread(void *) {
  try {
    exits_during_exception();
  } catch (const Counted &) {
    std::puts("not reached");
  }
  return nullptr;
}

int main(int argc, char **argv) {
  if (argc > 1 && !std::strcmp(argv[1], "thread")) {
    pthread_t t;
    pthread_create(&t, nullptr, exiting_thread, nullptr);
    pthread_join(t, nullptr);
    report("after a thread exit abandoned the exception");
    return 0;
  }
  if (argc > 1 && !std::strcmp(argv[1], "longjmp")) {
    panic_then_longjmp();
  } else {
    try {
      panic_then_throw();
    } catch (const Counted &) {
      std::puts("C++ caught the exception that abandoned a panic");
    }
  }
  try {
    recover_while_thrown();
  } catch (const Counted &) {
    std::puts("C++ caught it after the C frame");
  }
  report("after the catch");
  for (int i = 0; i < 2; i++) {
    try {
      panic_replaces_thrown(i);
    } catch (...) {
      std::puts("not reached");
    }
    report("after a panic replaced the exception");
  }
  return 0;
}
