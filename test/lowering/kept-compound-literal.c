// A compound literal a call-form defer passes by address, whose storage
// ends before the call, is copied at the defer into a slot that the call
// names instead (an array with __builtin_memcpy, into the record too); a
// defer of the outermost block that runs once keeps only the address.
// RUN: %cdefer -fsyntax-only -Xclang -ast-print %s | FileCheck %s
#include <cdefer.h>

struct pt { int x, y; };
void show(const struct pt *);
void use(const int *);

void inner_block(int n) {
  {
    defer show(&(struct pt){n, n});
  }
}
// CHECK-LABEL: void inner_block(int n) {
// CHECK:       struct pt __cdefer_s0_arg0_literal;
// CHECK:       __cdefer_s0_arg0_literal = (struct pt){n, n};
// CHECK:       show(&__cdefer_s0_arg0_literal);

void loop(int n) {
  for (int i = 0; i < n; i++)
    defer use((int[]){i, i + 1});
}
// CHECK-LABEL: void loop(int n) {
// CHECK:       int __cdefer_s0_arg0_literal[2];
// CHECK:       __builtin_memcpy((void *)&__cdefer_s0_arg0_literal, (const void *)&(int[2]){i, i + 1}, 8UL);
// CHECK:       __builtin_memcpy((void *)&((struct __cdefer_s0_record *)__cdefer_captures)->arg0_literal, (const void *)&__cdefer_s0_arg0_literal, 8UL);
// CHECK:       __builtin_memcpy((void *)&__cdefer_s0_arg0_literal, (const void *)&((struct __cdefer_s0_record *)__cdefer_captures)->arg0_literal, 8UL);
// CHECK:       use(__cdefer_s0_arg0_literal);

void outermost(int n) {
  defer show(&(struct pt){n, n});
}
// CHECK-LABEL: void outermost(int n) {
// CHECK-NOT:   _literal
// CHECK:       __cdefer_s0_arg0 = &(struct pt){n, n};
// CHECK:       show(__cdefer_s0_arg0);
