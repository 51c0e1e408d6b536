// At -O2 a fixed number of records runs as straight-line calls: the
// records loop tests last, so the optimizer can unroll it, and the frame
// notes in an integer whether it grew into a chunk, which the optimizer
// sees stay 0, so the walk over chunks is gone from the normal path
// (cdefer.h). Only the unwinding copy
// keeps a loop and the call that gives chunks back.
// RUN: %cdefer -O2 -S -emit-llvm %s -o - | FileCheck %s
#include <cdefer.h>

void use(int, int);

// CHECK-LABEL: define {{.*}}void @four(
// CHECK-NOT:     br i1
// CHECK:         invoke void @use(i32 noundef {{%[0-9]+}}, i32 noundef 7)
// CHECK-NOT:     br i1
// CHECK:         invoke void @use(i32 noundef {{%[0-9]+}}, i32 noundef 7)
// CHECK-NOT:     br i1
// CHECK:         invoke void @use(i32 noundef {{%[0-9]+}}, i32 noundef 7)
// CHECK-NOT:     br i1
// CHECK:         invoke void @use(i32 noundef {{%[0-9]+}}, i32 noundef 7)
// CHECK-NOT:     br i1
// CHECK-NOT:     @__cdefer_v1_chunk_drop
// CHECK:         ret void
// The copy, after the normal path:
// CHECK:         call {{.*}} @__cdefer_v1_chunk_drop
// CHECK-NOT:     @__cdefer_v1_chunk_drop
// CHECK:         {{^}}}
void four(void) {
  for (int i = 0; i < 4; i++)
    defer use(i, 7);
}
