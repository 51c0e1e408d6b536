// A defer that every normal exit passes (in the body's top-level blocks, no
// return or goto before it) has its bit set at every normal exit: the site
// marker says so, and the IR pass drops that bit's test from the exit
// sequence, at -O0 too, while the unwinding copy keeps it (a panic can
// enter the copy before the defer ran). It also drops the clear of a site
// after which no deferred code runs, and, where no copy is made, the mask.
// RUN: %cdefer -fsyntax-only -Xclang -ast-print %s | FileCheck %s --check-prefix=AST
// RUN: %cdefer -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %cdefer -fplugin-arg-cdefer-strategy=runtime -fsyntax-only -Xclang -ast-print %s | FileCheck %s --check-prefix=RECORDS
// RUN: %cdefer -O2 -S --target=x86_64-linux-gnu %s -o - | FileCheck %s --check-prefix=ASM
#include <cdefer.h>

void use(int);

int mixed(int n) {
  defer use(1);
  {
    defer { use(2); }
  }
  if (n > 0)
    defer use(3);
  use(4);
  return n;
}
// AST-LABEL: int mixed(int n) {
// AST:         __cdefer_site_call((void *)use, 0);
// AST-NEXT:    use(3);
// AST:         __cdefer_site_block(1);
// AST:         __cdefer_site_call((void *)use, 1);
// AST-NEXT:    use(1);
// Records have no bits.
// RECORDS-LABEL: int mixed(int n) {
// RECORDS-NOT:   __cdefer_site_{{.*}}1);
// RECORDS:       return __cdefer_result;

// The normal exit: only the conditional defer's bit (4) is tested; the
// last site's bit (1) is not even cleared, as no landing pad reads it.
// IR-LABEL: define {{.*}}i32 @mixed(
// IR:         invoke void @use(i32 noundef 4)
// IR-NOT:     ret i32
// IR:         and i64 %{{[0-9]+}}, 4
// IR-NEXT:    icmp ne i64
// IR:         and i64 %{{[0-9]+}}, -5
// IR:         invoke void @use(i32 noundef 3)
// IR-NOT:     and i64 %{{[0-9]+}}, 2
// IR:         and i64 %{{[0-9]+}}, -3
// IR-NEXT:    store
// IR-NEXT:    invoke void @use(i32 noundef 2)
// IR-NOT:     and i64
// IR:         call void @use(i32 noundef 1)
// IR-NEXT:    br label
// IR-NOT:     and i64
// IR:         ret i32
// The unwinding copy tests all three bits.
// IR:         and i64 %{{[0-9]+}}, 4
// IR-NEXT:    icmp ne i64
// IR:         and i64 %{{[0-9]+}}, 2
// IR-NEXT:    icmp ne i64
// IR:         and i64 %{{[0-9]+}}, 1
// IR-NEXT:    icmp ne i64
// IR:         call void @__cdefer_v1_unwind_finish(

// No return before it: set, even though the function returns early later.
int early_return_after(int n) {
  defer use(1);
  if (n)
    return 1;
  return 0;
}
// AST-LABEL: int early_return_after(int n) {
// AST:         __cdefer_site_call((void *)use, 1);

// A return before it can skip it.
int early_return_before(int n) {
  if (n)
    return 1;
  defer use(1);
  return 0;
}
// AST-LABEL: int early_return_before(int n) {
// AST:         __cdefer_site_call((void *)use, 0);

// A goto can jump over a defer.
int jumped_over(int n) {
  if (n)
    goto out;
  defer use(1);
out:
  return 0;
}
// AST-LABEL: int jumped_over(int n) {
// AST:         __cdefer_site_call((void *)use, 0);

// In a switch, a case label is a way around the defer.
int in_switch(int n) {
  switch (n) {
  case 0:
    defer use(0);
  case 1:
    break;
  }
  return n;
}
// AST-LABEL: int in_switch(int n) {
// AST:         __cdefer_site_call((void *)use, 0);

// Nothing can enter an unwinding copy here (no call after the defer but
// the deferred one): no copy, and no mask is kept either.
int only_deferred(int a) {
  defer use(a);
  return 0;
}
// IR-LABEL: define {{.*}}i32 @only_deferred(
// IR-NOT:     or i64
// IR-NOT:     and i64
// IR:         call void @use(
// IR-NOT:     landingpad
// IR:         ret i32
// IR-NEXT:  }

// Optimized, a panic in deferred code continues at the copy's next site, so
// no bit is read again once its site starts: the normal exit clears none,
// and tests each bit as code written by hand would (no `and` at all).
int conditional(int a, int x, int y, int z) {
  if (x)
    defer use(a);
  if (y)
    defer use(a + 1);
  if (z)
    defer use(a + 2);
  use(0);
  return a;
}
// ASM-LABEL: conditional:
// ASM-NOT:     {{^[[:space:]]+and}}
// ASM:         ret
