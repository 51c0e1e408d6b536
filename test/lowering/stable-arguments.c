// A deferred call's argument gets a slot, filled at the defer, unless its
// value at exit is certainly the same (pass/StableValues.h): then the exit
// sequence evaluates it again, and a record has no room for it. Reads of
// variables nothing in the function can change, and addresses of
// variables that live until the function returns, need no slot; anything
// else keeps one. semantics/unchanged-arguments.c runs the cases where a
// variable does change. With records, only a defer that can repeat goes
// without: for one that runs once, a record costs what keeping the value
// live until the exit costs.
// RUN: %cdefer -fsyntax-only -Xclang -ast-print %s | FileCheck %s --check-prefixes=CHECK,OPEN
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=runtime -Xclang -ast-print %s | FileCheck %s --check-prefixes=CHECK,RECORDS
#include <cdefer.h>

void use(long);
void use_ptr(const void *);
void release(int *);

// CHECK-LABEL: void reads(int n, long m) {
// OPEN-NOT:      __cdefer_s{{[0-9]+}}_arg
// OPEN-DAG:      use((long)n);
// OPEN-DAG:      use(m);
// RECORDS-DAG:   use(__cdefer_s0_arg0);
// RECORDS-DAG:   use(__cdefer_s1_arg0);
void reads(int n, long m) {
  defer use(m);
  defer use((long)n);
}

// CHECK-LABEL: void addresses(int n) {
// OPEN-NOT:      __cdefer_s{{[0-9]+}}_arg
// OPEN-DAG:      use_ptr(&p.b);
// OPEN-DAG:      use_ptr(buf);
// OPEN-DAG:      use_ptr(&x);
// OPEN-DAG:      use_ptr(&n);
struct pair { int a, b; };
void addresses(int n) {
  int x = n;
  char buf[4];
  struct pair p;
  defer use_ptr(&n);
  defer use_ptr(&x);
  defer use_ptr(buf);
  defer use_ptr(&p.b);
  n = x = p.b = buf[0] = 1;
}

// A defer in a loop: records either way, and no slot for `base`.
// CHECK-LABEL: void repeats(int base, int k) {
// CHECK-NOT:     __cdefer_s0_arg0 = base
// CHECK:         __cdefer_s0_arg1 = i;
// CHECK:         use2(base, __cdefer_s0_arg1);
void use2(int, int);
void repeats(int base, int k) {
  for (int i = 0; i < k; i++)
    defer use2(base, i);
}

// Each of these keeps its slot, but for the address of an inner variable,
// which the defer keeps alive (semantics/inner-addresses.c): the call takes
// the kept instance's address at exit.
// CHECK-LABEL: void kept(volatile int v, struct pair p, int *q) {
// CHECK-DAG:     use(__cdefer_s5_arg0);
// CHECK-DAG:     use(__cdefer_s4_arg0);
// CHECK-DAG:     use_ptr(&(*__cdefer_s3_inner));
// CHECK-DAG:     use(__cdefer_s2_arg0);
// CHECK-DAG:     use(__cdefer_s1_arg0);
// CHECK-DAG:     use(__cdefer_s0_arg0);
static void zero(int *c) { *c = 0; }
void kept(volatile int v, struct pair p, int *q) {
  static int s;
  defer use(v);           // volatile: each read may differ
  defer use(p.a);         // a member read: not followed
  defer use(s);           // static: not the frame's
  {
    int inner = 1;
    defer use_ptr(&inner); // kept alive for the call
  }
  __attribute__((cleanup(zero))) int c = 1;
  defer use(c);           // its cleanup takes its address
  defer use(*q);          // through a pointer
}

// A variably modified type's size expression can change a variable
// (`int (*)[n++]`): such a function keeps every slot.
// CHECK-LABEL: void sized(int n, int k) {
// CHECK-DAG:     use(__cdefer_s0_arg0);
void sized(int n, int k) {
  defer use(k);
  int (*rows)[n] = 0;
  use_ptr(rows);
}
