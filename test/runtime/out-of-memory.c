// Running out of memory for defer records aborts with a clear message.
// RUN: %cdefer -O1 %s %runtime -o %t
// RUN: not --crash %t 2>&1 | FileCheck %s
// CHECK: cdefer: out of memory allocating {{[0-9]+}} bytes for defer records
#include <cdefer.h>
#include <stdio.h>
#include <sys/resource.h>

struct chunk { char bytes[4096]; };
static void sink(struct chunk c) { (void)c; }

int main(void) {
  struct rlimit limit = {256 << 20, 256 << 20};
  setrlimit(RLIMIT_AS, &limit);
  struct chunk c = {{0}};
  for (;;)
    defer sink(c); // 4 KiB records until malloc fails
}
