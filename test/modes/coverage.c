// Coverage builds (-fprofile-instr-generate -fcoverage-mapping) work under
// both strategies: a function with a loop defer and another defer used to
// crash clang ("File exit not handled before popRegions": the dispatch
// switch had no location). cdefer.h, a system header for cdefer-cc, is not
// in the report.
// REQUIRES: llvm-cov
// RUN: rm -rf %t && mkdir %t && cd %t
// RUN: for s in auto runtime; do \
// RUN:   %cdefer-cc -fplugin-arg-cdefer-strategy=$s -fprofile-instr-generate \
// RUN:     -fcoverage-mapping %s -o prog-$s || exit 1; \
// RUN:   env LLVM_PROFILE_FILE=$s.profraw ./prog-$s > /dev/null || exit 1; \
// RUN:   llvm-profdata merge $s.profraw -o $s.profdata || exit 1; done
// RUN: llvm-cov show ./prog-auto -instr-profile=auto.profdata %s | FileCheck %s
// RUN: llvm-cov show ./prog-runtime -instr-profile=runtime.profdata %s | FileCheck %s
// RUN: llvm-cov report ./prog-runtime -instr-profile=runtime.profdata | FileCheck %s --check-prefix=REPORT
// CHECK: {{^ *}}[[@LINE+5]]|      1|  defer printf("once\n");
// CHECK: {{^ *}}[[@LINE+6]]|      2|    defer printf("%d\n", i);
#include <cdefer.h>
#include <stdio.h>
static int f(int n) {
  defer printf("once\n");
  for (int i = 0; i < n; i++)
    defer printf("%d\n", i);
  return n;
}
int main(void) { return f(2) - 2; }
// REPORT-NOT: cdefer.h
// REPORT: TOTAL
