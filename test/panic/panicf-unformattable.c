// A panicf whose message libc cannot format (a wide string that is no text
// in the C locale) is still an ordinary panic, which recover() stops: its
// message is the format as written. (It was reported as running out of
// memory, and the process exited without running deferred code.)
// RUN: %run-modes %s | FileCheck %s
#include <cdefer.h>
#include <stdio.h>
#include <wchar.h>

static void unformattable(void) {
  defer printf("deferred code ran\n");
  panicf("bad text: %ls", L"\xd800");
}

int main(void) {
  defer {
    const char *message = recover();
    printf("recovered: %s\n", message ? message : "nothing");
  }
  unformattable();
  return 0;
}
// CHECK:      deferred code ran
// CHECK-NEXT: recovered: bad text: %ls
