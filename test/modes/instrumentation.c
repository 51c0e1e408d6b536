// Function instrumentation (-finstrument-functions, -pg) sees the user's
// functions only. At -O0 the record helpers of <cdefer.h> stay calls; they
// used to be instrumented too, and appeared in gprof's flat profile and in
// every enter/exit trace, nameless (they have no debug info): 15 entries
// below instead of 4.
// RUN: %cdefer -O0 -finstrument-functions %s %runtime -o %t && %t | FileCheck %s
// RUN: %cdefer -O0 -pg -c %s -o %t.o
// RUN: objdump -dr %t.o | awk '/^[0-9a-f]+ <.*>:$/ { fn = $2 } /mcount/ { print "profiled", fn }' | sort | FileCheck %s --check-prefix=PG
// CHECK:      1
// CHECK-NEXT: 0
// CHECK-NEXT: entered 4
// PG-NOT: profiled
// PG: profiled <each>:
// PG-NEXT: profiled <loop>:
// PG-NEXT: profiled <main>:
// PG-NOT: profiled
#include <cdefer.h>
#include <stdio.h>

#define UNPROFILED __attribute__((no_instrument_function))
static unsigned entered;
UNPROFILED void __cyg_profile_func_enter(void *fn, void *site) {
  (void)fn, (void)site;
  entered++;
}
UNPROFILED void __cyg_profile_func_exit(void *fn, void *site) {
  (void)fn, (void)site;
}

static void each(int i) { printf("%d\n", i); }

static void loop(void) { // records: a defer in a loop
  for (int i = 0; i < 2; i++)
    defer each(i);
}

int main(void) {
  loop();
  printf("entered %u\n", entered);
  return 0;
}
