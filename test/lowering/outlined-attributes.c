// A deferred block with defers of its own becomes a function of its own
// (pass/OutlineDeferred.cpp). It is still the enclosing function's code:
// the target features its intrinsics need and the sanitizers it turns off
// go with it (AVX2 intrinsics in it were rejected, and UBSan checked code
// the function excludes).
// RUN: %cdefer -O0 -fsanitize=signed-integer-overflow -S -emit-llvm %s -o - | FileCheck %s
#include <cdefer.h>
#include <limits.h>

void use(int);

__attribute__((target("avx2"))) void wide(int k) {
  defer {
    defer use(1);
    use(k);
  }
}
// CHECK-LABEL: define internal void @__cdefer_deferred_wide_0(
// CHECK-SAME:    #[[WIDE:[0-9]+]]

__attribute__((no_sanitize("undefined"))) void wraps(int k) {
  defer {
    defer use(2);
    use(INT_MAX + k);
  }
}
// CHECK-LABEL: define internal void @__cdefer_deferred_wraps_0(
// CHECK-NOT:     __ubsan_handle
// CHECK:       }

// CHECK: attributes #[[WIDE]] = {{.*}}"target-features"="{{[^"]*}}+avx2
