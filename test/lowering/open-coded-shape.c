// The shape of the open-coded lowering: one bit per defer set where the defer
// executes, captures in hidden locals, every return through one exit
// sequence that tests the bits from the last defer to the first and clears
// each before running its statement. The marker calls are for the IR pass
// (see unwind-landing-pads.c).
// RUN: %cdefer -fsyntax-only -Xclang -ast-print %s | FileCheck %s
#include <cdefer.h>

void use(int);

int shape(int n) {
  defer use(n + 1);
  if (n > 1) {
    defer { use(2); }
    return n * 2;
  }
  return 0;
}
// CHECK-LABEL: int shape(int n) {
// CHECK-NEXT:    int __cdefer_result = /*implicit*/(int)0;
// CHECK-NEXT:    unsigned long long __cdefer_bits = /*implicit*/(unsigned long long)0;
// CHECK-NEXT:    int __cdefer_s0_arg0;
// CHECK-NEXT:    {
// CHECK-NEXT:        __cdefer_s0_arg0 = n + 1;
// CHECK-NEXT:        __cdefer_bits |= 1ULL;
// CHECK-NEXT:    }
// CHECK-NEXT:    if (n > 1) {
// CHECK-NEXT:        {
// CHECK-NEXT:            __cdefer_bits |= 2ULL;
// CHECK-NEXT:        }
// CHECK-NEXT:        {
// CHECK-NEXT:            __cdefer_result = n * 2;
// CHECK-NEXT:            goto __cdefer_exit;
// CHECK-NEXT:        }
// CHECK-NEXT:    }
// CHECK-NEXT:    {
// CHECK-NEXT:        __cdefer_result = 0;
// CHECK-NEXT:        goto __cdefer_exit;
// CHECK-NEXT:    }
// CHECK-NEXT:  __cdefer_exit:
// CHECK-NEXT:    {
// CHECK-NEXT:        __cdefer_exit_mark(&__cdefer_bits, 0);
// CHECK-NEXT:        if (__cdefer_bits & 2ULL) {
// CHECK-NEXT:            __cdefer_bits &= 18446744073709551613ULL;
// CHECK-NEXT:            __cdefer_site_block(0);
// CHECK-NEXT:            {
// CHECK-NEXT:                use(2);
// CHECK-NEXT:            }
// CHECK-NEXT:        }
// CHECK-NEXT:        if (__cdefer_bits & 1ULL) {
// CHECK-NEXT:            __cdefer_bits &= 18446744073709551614ULL;
// CHECK-NEXT:            __cdefer_site_call((void *)use, 1);
// CHECK-NEXT:            use(__cdefer_s0_arg0);
// CHECK-NEXT:        }
// CHECK-NEXT:        return __cdefer_result;
// CHECK-NEXT:    }
// CHECK-NEXT: }
