// Past 256 defer statements a function's records frame stays in memory
// (the IR pass keeps it there, for compile time), where the optimizer
// cannot see the frame's grew flag stay 0: such a function starts its frame
// as grown and pushes with the helper that never stores the flag
// (cdefer.h: __cdefer_frame_start_large, __cdefer_deferproc_large). One
// defer fewer keeps the usual helpers.
// RUN: %cdefer -fsyntax-only -Xclang -ast-print %s | FileCheck %s
#include <cdefer.h>

void use(int);

#define D2(n) defer use(n); defer use(n + 1);
#define D8(n) D2(n) D2(n + 2) D2(n + 4) D2(n + 6)
#define D64(n) D8(n) D8(n + 8) D8(n + 16) D8(n + 24) D8(n + 32) D8(n + 40) D8(n + 48) D8(n + 56)
#define D256(n) D64(n) D64(n + 64) D64(n + 128) D64(n + 192)

void large(void) {
  D256(0)
  defer use(256);
}
// CHECK-LABEL: void large(void) {
// CHECK:         __cdefer_frame_start_large(&__cdefer_frame,
// CHECK:         __cdefer_deferproc_large(&__cdefer_frame, 0U,
// CHECK-NOT:     __cdefer_deferproc_site(
// CHECK:         __cdefer_deferproc_large(&__cdefer_frame, 256U,
// CHECK:       }

void at_the_limit(void) {
  D256(0)
}
// CHECK-LABEL: void at_the_limit(void) {
// CHECK:         __cdefer_frame_start(&__cdefer_frame,
// CHECK:         __cdefer_deferproc_site(&__cdefer_frame, 0U,
// CHECK-NOT:     _large
// CHECK:       }
