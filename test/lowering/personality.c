// Every function of a module with defers unwinds with the runtime's
// personality, __cdefer_v1_personality: libgcc's C personality, which also
// tells the runtime where a thread exit lands (test/panic/thread-exit.c,
// exit 4). Functions that had libgcc's (a cleanup attribute under
// -fexceptions) take it too, or the inliner would keep them apart
// ("incompatible personality"); modules without defers keep libgcc's.
// RUN: %cdefer -O2 -fexceptions -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cdefer -O2 -fexceptions -DNO_DEFERS -S -emit-llvm %s -o - \
// RUN:   | FileCheck %s --check-prefix=PLAIN
#include <cdefer.h>

void use(int);
void release(int *);

static void scoped(int n) {
  int held __attribute__((cleanup(release))) = n;
  use(held);
}

#ifndef NO_DEFERS
void with_defers(int n) {
  defer use(n);
  scoped(n + 1);
}
// CHECK-LABEL: define {{.*}}void @with_defers(
// CHECK-SAME:    personality ptr @__cdefer_v1_personality
// The cleanup attribute's function is inlined: no call to it is left.
// CHECK-NOT:     @scoped(
// CHECK:         invoke void @release(
#endif

void plain(int n) { scoped(n); }
// CHECK-LABEL: define {{.*}}void @plain(
// CHECK-SAME:    personality ptr @__cdefer_v1_personality
// CHECK-NOT:   __gcc_personality_v0
// PLAIN-LABEL: define {{.*}}void @plain(
// PLAIN-SAME:    personality ptr @__gcc_personality_v0
// PLAIN-NOT:   __cdefer_v1_personality
