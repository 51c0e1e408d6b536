// An inner block's array that deferred code keeps moves with
// __builtin_memcpy (C cannot assign arrays), made as Sema makes a call to
// the builtin, into a hidden local or the defer's record; a call-form
// defer's index that is not a constant is captured at the defer.
// RUN: %cdefer -fsyntax-only -Xclang -ast-print %s | FileCheck %s
// RUN: %cdefer -fsyntax-only -Xclang -ast-dump %s | FileCheck %s --check-prefix=DUMP
#include <cdefer.h>

void use(const char *);

void block(void) {
  {
    char buf[8] = "x";
    defer { use(buf); }
  }
}
// CHECK-LABEL: void block(void) {
// CHECK:       char __cdefer_s0_buf_kept[8];
// CHECK:       char buf[8] = "x", (*__cdefer_buf)[8] = &buf;
// CHECK:       if (__cdefer_buf == &buf) {
// CHECK-NEXT:    __builtin_memcpy((void *)&__cdefer_s0_buf_kept, (const void *)&*__cdefer_buf, 8UL);
// CHECK-NEXT:    __cdefer_buf = &__cdefer_s0_buf_kept;
// CHECK:       use((*__cdefer_s0_buf));

void loop(int n) {
  for (int i = 0; i < n; i++) {
    char buf[8] = "x";
    defer use(&buf[i]);
    buf[0] = 'y';
  }
}
// CHECK-LABEL: void loop(int n) {
// CHECK:       __cdefer_s0_arg0_offset0 = i;
// CHECK:       __builtin_memcpy((void *)&((struct __cdefer_s0_record *)__cdefer_captures)->buf_kept, (const void *)&*__cdefer_buf, 8UL);
// CHECK:       (*__cdefer_buf)[0] = 'y';
// CHECK:       use(&(*__cdefer_s0_buf)[__cdefer_s0_arg0_offset0]);

// DUMP:      ImplicitCastExpr {{.*}} 'void *(*)(void *, const void *, {{.*}})' <BuiltinFnToFnPtr>
// DUMP-NEXT: DeclRefExpr {{.*}} '<builtin fn type>' Function {{.*}} '__builtin_memcpy'
