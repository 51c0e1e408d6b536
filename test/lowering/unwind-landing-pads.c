// The IR the unwind pass leaves: every call of a function with defers is an
// invoke whose own cleanup landing pad enters an unwinding copy of the exit
// sequence; the copy tells the runtime what kind of deferred code runs, and
// ends by asking whether the panic was recovered (return normally) or not
// (resume unwinding). The markers are gone and nothing is nounwind.
// RUN: %cdefer -O0 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cdefer -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=OPT
#include <cdefer.h>

void use(int);

int shape(int n) {
  defer use(n);
  defer { use(2); }
  use(3);
  return n;
}
// CHECK:       define {{.*}}i32 @shape(i32 {{.*}}) #[[ATTRS:[0-9]+]] personality ptr @__gcc_personality_v0
// CHECK:         invoke void @use(i32 noundef 3)
// CHECK-NEXT:      to label %{{[0-9]+}} unwind label %[[PAD1:[0-9]+]]
// The normal exit sequence: no runtime calls.
// CHECK-NOT:     call {{.*}}@__cdefer_unwind
// CHECK:         invoke void @use(i32 noundef 2)
// CHECK:         invoke void @use(i32 noundef %{{[0-9]+}})
// CHECK:         ret i32
// The unwinding copy.
// CHECK:         call i64 @__cdefer_v1_unwind_block()
// CHECK-NEXT:    invoke void @use(i32 noundef 2)
// CHECK:         call void @cdefer.arm.use()
// CHECK:         invoke void @use(i32 noundef %{{[0-9]+}})
// CHECK:         call i1 @__cdefer_v1_unwind_recovered(ptr
// CHECK:         ret i32
// CHECK:         resume { ptr, i32 }
// CHECK:       [[PAD1]]:
// CHECK-NEXT:    landingpad { ptr, i32 }
// CHECK-NEXT:      cleanup
// CHECK-NOT:   __cdefer_exit_mark
// CHECK-NOT:   __cdefer_site_
// The thunk that tells the runtime which function a deferred call calls,
// so that only that function's recover() gets the call's token.
// CHECK:       define private void @cdefer.arm.use() #[[THUNK:[0-9]+]]
// CHECK-NEXT:    tail call void @__cdefer_v1_unwind_call(ptr @use)
// CHECK:       attributes #[[ATTRS]] = {
// CHECK-NOT:   nounwind
// CHECK-SAME:  uwtable
// CHECK:       attributes #[[THUNK]] = { cold noinline nounwind }
// OPT-LABEL: define {{.*}}i32 @shape(
// OPT-DAG:     landingpad
// OPT-DAG:     call {{.*}}i1 @__cdefer_v1_unwind_recovered(
