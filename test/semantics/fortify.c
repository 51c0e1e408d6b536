// _FORTIFY_SOURCE checks a deferred call on an array of the function as it
// checks the call made where the defer stands, under both strategies: with
// records, which copied the array's address into the record, the fortified
// memcpy lost the array's size and overflowed it silently, while
// open-coded ended the program.
// UNSUPPORTED: sanitize
// RUN: env CDEFER_MODES="-O2 -D_FORTIFY_SOURCE=3;-O3 -D_FORTIFY_SOURCE=3" %expect-status 134 %run-modes %s > %t.out 2> %t.err
// RUN: FileCheck %s < %t.err
// CHECK: buffer overflow detected
#include <cdefer.h>
#include <stdio.h>
#include <string.h>

static volatile size_t too_many = 12;

int main(void) {
  char dst[10] = "";
  char src[32] = "0123456789abcdefghijklmnopqrstu";
  defer memcpy(dst, src, too_many);
  defer printf("body %.10s\n", dst);
  return 0;
}
