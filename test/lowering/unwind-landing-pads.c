// The IR the unwind pass leaves: every call of a function with defers where
// a panic would find deferred code to run is an invoke whose cleanup landing
// pad enters one unwinding copy of the exit sequence, after telling the
// runtime that the exception landed in this frame. A call where it would
// not (before the first defer, or in the last deferred code of a normal
// exit) keeps no landing pad; every call of the copy keeps its own. The copy tells the runtime what kind of deferred code runs
// where that code may recover, and ends in a runtime call that returns if
// the panic was recovered (the function returns normally) and otherwise
// resumes unwinding; where no deferred code can recover, it just resumes.
// The markers are gone and nothing is nounwind.
// RUN: %cdefer -O0 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cdefer -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=OPT
#include <cdefer.h>
#include <stdlib.h>

void use(int);

int shape(int n) {
  defer use(n);
  defer { use(2); }
  use(3);
  return n;
}
// CHECK:       define {{.*}}i32 @shape(i32 {{.*}}) #[[ATTRS:[0-9]+]] personality ptr @__cdefer_v1_personality
// CHECK:         invoke void @use(i32 noundef 3)
// CHECK-NEXT:      to label %{{[0-9]+}} unwind label %[[PAD:[0-9]+]]
// The normal exit sequence: no runtime calls.
// CHECK-NOT:     call {{.*}}@__cdefer_v1
// CHECK:         invoke void @use(i32 noundef 2)
// CHECK-NEXT:      to label %{{[0-9]+}} unwind label %[[PAD]]
// Nothing runs after the first defer's call: a panic there passes by.
// CHECK:         {{^  }}call void @use(i32 noundef %{{[0-9]+}})
// CHECK:         ret i32
// The unwinding copy. The block cannot recover, and nothing uses its
// token; the runtime still learns it starts, which ends a recovery by the
// deferred code before it (uncaught.c, CASE 9). `use` is not defined
// here, so it may recover: the runtime learns it is about to run.
// CHECK:         {{^  }}%{{[0-9]+}} = call i64 @__cdefer_v1_unwind_block()
// CHECK-NEXT:    invoke void @use(i32 noundef 2)
// CHECK-NEXT:      to label %{{[0-9]+}} unwind label %[[PAD]]
// CHECK:         call void @cdefer.arm.use()
// In the copy every call keeps its landing pad: a panic there must end
// the older one even where no stack pointer moves (this frame inlined).
// CHECK:         invoke void @use(i32 noundef %{{[0-9]+}})
// CHECK-NEXT:      to label %{{[0-9]+}} unwind label %[[PAD]]
// CHECK:         call void @__cdefer_v1_unwind_finish(ptr
// CHECK-NEXT:    ret i32
// CHECK:         call void @__cdefer_v1_unwind_land(ptr
// At -O0 one landing pad serves every call, the copy's own included: a
// panic in deferred code runs the copy again, where the bits already
// cleared skip what ran.
// CHECK:       [[PAD]]:
// CHECK-NEXT:    landingpad { ptr, i32 }
// CHECK-NEXT:      cleanup
// CHECK-NOT:     landingpad
// CHECK:       }

// Before the first defer no defer is pending; after it, on every path
// (the loop's back edge included), one may be.
int before_first(int n) {
  use(0);
  for (int i = 0; i < n; i++) {
    use(1);
    if (i == 3)
      defer use(i);
  }
  use(2);
  return n;
}
// CHECK-LABEL: define {{.*}}i32 @before_first(
// CHECK:         {{^  }}call void @use(i32 noundef 0)
// CHECK:         invoke void @use(i32 noundef 1)
// CHECK:         invoke void @use(i32 noundef 2)
// CHECK:       }

// Calls after a defer in one block all keep their landing pads (each
// invoke splits the block: which calls need one is decided first).
int in_a_row(int n) {
  defer use(n);
  use(1);
  use(2);
  use(3);
  return n;
}
// CHECK-LABEL: define {{.*}}i32 @in_a_row(
// CHECK:         invoke void @use(i32 noundef 1)
// CHECK:         invoke void @use(i32 noundef 2)
// CHECK:         invoke void @use(i32 noundef 3)
// CHECK:       }

// A function in which no call can find deferred code to run has no
// unwinding code at all: no personality, no landing pad.
int nothing_pending(int n) {
  use(0);
  defer use(n);
  return n;
}
// CHECK-LABEL: define {{.*}}i32 @nothing_pending(
// CHECK-NOT:     personality
// CHECK-NOT:     landingpad
// CHECK-NOT:     __cdefer_v1
// CHECK:       }

// Deferred code that cannot recover: a builtin, a block without recover(),
// a function defined here that does not call it. The copy ends in resume,
// and the runtime is not told where the exception landed: that is needed
// only where the frame may return normally, or where its code is inlined
// into another function's frame (see inlined_into below).
static void quiet(int n) { use(n); }
int no_recover(int n) {
  char *p = malloc(8);
  defer free(p);
  defer { use(1); }
  defer quiet(n);
  use(n);
  return n;
}
// CHECK-LABEL: define {{.*}}i32 @no_recover(
// CHECK-NOT:     @__cdefer_v1_unwind_land
// CHECK-NOT:     @__cdefer_v1_unwind_finish
// CHECK-NOT:     @__cdefer_v1_unwind_call
// CHECK-NOT:     @__cdefer_v1_unwind_block
// CHECK-NOT:     cdefer.arm
// CHECK:         call void @__cdefer_v1_unwind_resume(ptr
// CHECK:       }

// A block that calls recover() gets its token, and the copy asks.
int recovers(int n) {
  defer {
    if (recover())
      n = -1;
  }
  use(n);
  return n;
}
// CHECK-LABEL: define {{.*}}i32 @recovers(
// CHECK-DAG:     call i64 @__cdefer_v1_unwind_block()
// CHECK-DAG:     call void @__cdefer_v1_unwind_land(ptr
// CHECK-DAG:     call void @__cdefer_v1_unwind_finish(ptr
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

// Optimized, the copy is a chain: a panic in one site's deferred code
// continues at the next site's test, so the optimizer folds the copy for
// each landing pad. Where nothing can recover, all that is left of a
// function's unwinding is its deferred code and the runtime call that
// resumes the unwinding, as with _Defer -fexceptions; the exception is a
// value in a register, not in a slot in memory.
// OPT-LABEL: define {{.*}}i32 @shape(
// OPT-DAG:     landingpad
// OPT-DAG:     call void @__cdefer_v1_unwind_land(
// OPT-DAG:     call void @__cdefer_v1_unwind_finish(
// OPT-LABEL: define {{.*}}i32 @no_recover(
// OPT-NOT:     call {{.*}}@__cdefer_v1_unwind_{{land|finish|call|block}}
// OPT:         call void @__cdefer_v1_unwind_resume(ptr
// OPT-NOT:     call {{.*}}@__cdefer_v1_unwind_{{land|finish|call|block}}
// OPT:       }
// Inlined, the same code shares its caller's frame, and tells the runtime
// where it landed: a newer panic that leaves it for the caller's unwinding
// code must abort the older one (panic/uncaught.c, CASE 7).
// OPT-LABEL: define {{.*}}i32 @inlined_into(
// OPT:         call void @__cdefer_v1_unwind_land_inlined(ptr {{.*}}, i32
// OPT:       }

static int cannot_recover(int n) {
  defer { use(n); }
  use(n + 1);
  return n;
}
int inlined_into(int n) {
  defer { use(0); }
  return cannot_recover(n);
}

// A panic in the copy's last deferred code leaves the frame: nothing of it
// runs afterwards that could recover it, and the runtime sees the stack
// pointer move past the frame, so that call needs no landing pad. The
// body's call keeps its own.
int last_site(int *m) {
  defer use(*m);
  use(0);
  return 0;
}
// OPT-LABEL: define {{.*}}i32 @last_site(
// OPT:         invoke void @use(i32 noundef 0)
// OPT:         call void @__cdefer_v1_unwind_land(
// OPT-NEXT:    call fastcc void @cdefer.arm.use()
// OPT-NEXT:    call void @use(
// OPT-NOT:     landingpad
// OPT:       }
