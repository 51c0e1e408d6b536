// An uncaught panic runs every pending deferred statement of the thread,
// flushes stdout, prints Go's report on stderr (nested panics and
// "[recovered]" in Go's format) and exits with status 2.
// RUN: %expect-status 2 %run-modes %s -DCASE=1 > %t.1.out 2> %t.1.err
// RUN: %go-oracle %S/Inputs/uncaught-1.go %t.go1
// RUN: diff %t.go1.out %t.1.out && diff %t.go1.err %t.1.err && grep -qx 2 %t.go1.status
// RUN: %expect-status 2 %run-modes %s -DCASE=2 > %t.2.out 2> %t.2.err
// RUN: %go-oracle %S/Inputs/uncaught-2.go %t.go2
// RUN: diff %t.go2.out %t.2.out && diff %t.go2.err %t.2.err
// RUN: %expect-status 2 %run-modes %s -DCASE=3 > %t.3.out 2> %t.3.err
// RUN: %go-oracle %S/Inputs/uncaught-3.go %t.go3
// RUN: diff %t.go3.out %t.3.out && diff %t.go3.err %t.3.err
// RUN: %expect-status 2 %run-modes %s -DCASE=4 > %t.4.out 2> %t.4.err
// RUN: FileCheck %s --check-prefix=VALUE < %t.4.err
// RUN: %expect-status 2 %run-modes %s -DCASE=5 > %t.5.out 2> %t.5.err
// RUN: FileCheck %s --check-prefix=FORMATTED < %t.5.err
// RUN: %expect-status 2 %run-modes %s -DCASE=6 > %t.6.out 2> %t.6.err
// RUN: %go-oracle %S/Inputs/uncaught-6.go %t.go6
// RUN: diff %t.go6.out %t.6.out && diff %t.go6.err %t.6.err
// RUN: %expect-status 2 %run-modes %s -DCASE=7 > %t.7.out 2> %t.7.err
// RUN: %go-oracle %S/Inputs/uncaught-7.go %t.go7
// RUN: diff %t.go7.out %t.7.out && diff %t.go7.err %t.7.err
// RUN: %expect-status 2 %run-modes %s -DCASE=8 > %t.8.out 2> %t.8.err
// RUN: %go-oracle %S/Inputs/uncaught-8.go %t.go8
// RUN: diff %t.go8.out %t.8.out && diff %t.go8.err %t.8.err
// RUN: %expect-status 2 %run-modes %s -DCASE=9 > %t.9.out 2> %t.9.err
// RUN: %go-oracle %S/Inputs/uncaught-9.go %t.go9
// RUN: diff %t.go9.out %t.9.out && diff %t.go9.err %t.9.err
// RUN: %expect-status 2 %run-modes %s -DCASE=10 > %t.10.out 2> %t.10.err
// RUN: %go-oracle %S/Inputs/uncaught-10.go %t.go10
// RUN: diff %t.go10.out %t.10.out && diff %t.go10.err %t.10.err
// VALUE: panic: value 0x1234{{$}}
// FORMATTED: panic: bad value 42 in "input"{{$}}
#include <cdefer.h>
#include <stdio.h>

#if CASE == 1
// Plain: everything deferred runs, buffered stdout comes out first.
static void fail(void) {
  defer printf("fail: deferred\n");
  panic("something failed");
}
int main(void) {
  defer printf("main: deferred\n");
  printf("main: buffered output\n");
  fail();
}
#elif CASE == 2
// A deferred call panics again during the panic: both are reported.
int main(void) {
  defer printf("main: deferred\n");
  defer { panic("second"); }
  panic("first");
}
#elif CASE == 3
// Recovered, then panicking again: the first is reported "[recovered]".
int main(void) {
  defer printf("main deferred\n");
  defer {
    const char *r = recover();
    printf("recovered %s\n", r);
    panic("second");
  }
  printf("body\n");
  panic("first");
}
#elif CASE == 4
int main(void) { panic_value((void *)0x1234); }
#elif CASE == 5
int main(void) { panicf("bad value %d in \"%s\"", 42, "input"); }
#elif CASE == 6
// A panic in deferred code that the frame's next deferred code recovers
// ends the older panic with it: a later panic's report does not list it.
static int ends_both(void) {
  defer_result int r = 0;
  defer {
    printf("recovered %s\n", (const char *)recover());
    r = 7;
  }
  defer { panic("second"); }
  panic("first");
  return 1;
}
int main(void) {
  printf("ends_both returned %d\n", ends_both());
  panic("third");
}
#elif CASE == 7
// The same where the frame whose deferred code panics again cannot
// recover (its unwinding code does not tell the runtime where it landed):
// the newer panic leaves the frame, which ends the older one, and the
// caller recovers the newer.
static int runs;
static void cannot_recover(void) {
  defer { runs++; }
  defer { panic("newer"); }
  panic("older");
}
static void catch_newer(void) {
  defer { printf("recovered %s after %d\n", (const char *)recover(), runs); }
  cannot_recover();
}
int main(void) {
  catch_newer();
  panic("last");
}
#elif CASE == 8
// The same where the newer panic starts in the last deferred call, and the
// frame is inlined into the one that recovers it: no stack pointer moves
// between the two, and the older panic must end all the same.
static __attribute__((noinline)) void fail_again(void) { panic("newer"); }
static inline __attribute__((always_inline)) void inner(void) {
  defer fail_again();
  panic("older");
}
static void outer(void) {
  defer { printf("recovered %s\n", (const char *)recover()); }
  inner();
}
int main(void) {
  outer();
  panic("last");
}
#elif CASE == 9
// A recovery is over once the deferred code that recovered returns: a panic
// from the frame's next deferred code is reported alone, without the
// recovered one that a panic in the recovering code itself would follow
// ("first [recovered]", CASE 3).
static void settled(void) {
  defer { panic("second"); }
  defer { printf("recovered %s\n", (const char *)recover()); }
  panic("first");
}
int main(void) { settled(); }
#elif CASE == 10
// panic(NULL) reports nil, as Go's panic(nil) does (it printed "(null)"),
// recovered or not; recover() gives NULL for it, and stops it all the same.
int main(void) {
  defer {
    printf("recovered %s\n", recover() ? "a value" : "nil");
    panic(NULL);
  }
  panic(NULL);
}
#endif
