// The runtime keeps, per thread, what it decoded of each frame's unwind
// tables. A shared object unloaded and another loaded in its place may put
// other code, with other tables, at the same addresses: the tables are
// decoded again, and registers restored through the new frame are right.
// On x86-64 both libraries' `through` return to the same address, and a
// stale entry sends the walk astray: it gives the panic to libgcc, which
// CDEFER_UNWINDER=report says.
// RUN: %clang -O2 -fPIC -shared -DLAYOUT=1 %S/Inputs/unwind-cache-lib.c -o %t.1.so
// RUN: %clang -O2 -fPIC -shared -DLAYOUT=2 %S/Inputs/unwind-cache-lib.c -o %t.2.so
// RUN: %cdefer -O2 -rdynamic %s %runtime -ldl -o %t
// RUN: env CDEFER_UNWINDER=report %t %t.1.so %t.2.so 2>&1 | FileCheck %s
// RUN: env CDEFER_UNWINDER=libgcc %t %t.1.so %t.2.so | FileCheck %s
#include <cdefer.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

void keep(long *p) { __asm__ volatile("" : : "r"(p) : "memory"); }

static void boom(void) { panic("boom"); }

// Values live in callee-saved registers across the call: the unwind
// restores them from the frames it passes.
__attribute__((noinline)) static long catcher(void (*through)(void (*)(void)),
                                              long seed) {
  defer_result long sum = 0;
  long a = seed * 7, b = seed * 11, c = seed * 13, d = seed * 17;
  defer {
    if (recover())
      sum = a + b + c + d;
  }
  __asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
  through(boom);
  __asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
  return -1;
}

static long run(const char *path, long seed) {
  void *lib = dlopen(path, RTLD_NOW);
  if (!lib) {
    fprintf(stderr, "%s\n", dlerror());
    exit(1);
  }
  void (*through)(void (*)(void)) = (void (*)(void (*)(void)))dlsym(lib, "through");
  long sum = 0;
  for (int i = 0; i < 3; i++)
    sum += catcher(through, seed);
  dlclose(lib);
  return sum;
}

int main(int argc, char **argv) {
  (void)argc;
  printf("first %ld\n", run(argv[1], 1));
  printf("second %ld\n", run(argv[2], 2));
  printf("first again %ld\n", run(argv[1], 3));
  return 0;
}
// CHECK-NOT:  cdefer: libgcc
// CHECK:      first 144
// CHECK-NEXT: second 288
// CHECK-NEXT: first again 432
// CHECK-NOT:  cdefer: libgcc
