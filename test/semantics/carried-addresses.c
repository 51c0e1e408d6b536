// A call-form defer whose captured argument carries the address of an
// inner-block variable some other way than being it (through `?:`, a
// struct or compound literal, a transparent union, a cast to an integer,
// a call that returns a pointer into it, GNU's `?:`, or a member, element or
// `*` on top of any of them) keeps the variable alive for
// the call, as Go does, and takes the value at the defer, pointing at the
// instance kept. The copy pointed at the block's storage, ended by then:
// stack-use-after-scope, each iteration's call saw the last one's value,
// or garbage at -O2. With records, a panic while the values are taken
// runs nothing of that defer (its record is armed only once they are in).
// RUN: %run-modes %s > %t.c.out
// RUN: %go-oracle %S/Inputs/carried-addresses.go %t.go
// RUN: diff %t.go.out %t.c.out
// RUN: FileCheck %s < %t.c.out
#include <cdefer.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct holder { int *p; };
typedef union { int *ip; long *lp; } int_or_long __attribute__((transparent_union));

static void show(const char *tag, int *p) { printf("%s %d\n", tag, *p); }
static void show_holder(struct holder h) { printf("holder %d\n", *h.p); }
static void show_union(int_or_long u) { printf("union %d\n", *u.ip); }
static void show_address(uintptr_t a) { printf("address %d\n", *(int *)a); }
static void show_rest(const char *rest) { printf("rest %s\n", rest); }
static void show_length(size_t n) { printf("length %zu\n", n); }
static int *same(int *p) { return p; }
static void show_double(const char *tag, double *p) { printf("%s %g\n", tag, *p); }

// CHECK: conditional 101
// CHECK-NEXT: conditional 100
static void conditional(int pick) {
  for (int i = 0; i < 2; i++) {
    int v = i, w = -1;
    defer show("conditional", pick ? &v : &w);
    v += 100;
  }
}

// CHECK-NEXT: holder 201
// CHECK-NEXT: holder 200
static void in_struct(void) {
  for (int i = 0; i < 2; i++) {
    int v = i;
    defer show_holder((struct holder){&v});
    v += 200;
  }
}

// CHECK-NEXT: union 11
// CHECK-NEXT: union 10
static void in_union(void) {
  for (int i = 0; i < 2; i++) {
    int v = i;
    defer show_union(&v);
    v += 10;
  }
}

// CHECK-NEXT: address 301
// CHECK-NEXT: address 300
static void as_integer(void) {
  for (int i = 0; i < 2; i++) {
    int v = i;
    defer show_address((uintptr_t)&v);
    v += 300;
  }
}

// CHECK-NEXT: call 401
// CHECK-NEXT: call 400
static void through_call(void) {
  for (int i = 0; i < 2; i++) {
    int v = i;
    defer show("call", same(&v));
    v += 400;
  }
}

// GNU's `a ?: b`, and the real part of a complex number.
// CHECK-NEXT: real 601
// CHECK-NEXT: real 600
// CHECK-NEXT: elvis 501
// CHECK-NEXT: elvis 500
static void elvis_and_real(void) {
  for (int i = 0; i < 2; i++) {
    int v = i;
    defer show("elvis", &v ?: NULL);
    v += 500;
  }
  for (int i = 0; i < 2; i++) {
    _Complex double z = i;
    defer show_double("real", &__real__ z);
    __real__ z += 600;
  }
}

// A member, an element or `*` of a pointer that carries the address.
// CHECK-NEXT: member 701
// CHECK-NEXT: element 801
// CHECK-NEXT: deref 901
// CHECK-NEXT: member 700
// CHECK-NEXT: element 800
// CHECK-NEXT: deref 900
struct pair { int x; int arr[2]; };
static struct pair *same_pair(struct pair *p) { return p; }
static void on_top(int pick) {
  for (int i = 0; i < 2; i++) {
    struct pair a = {i, {i, i}}, b = {-1, {-1, -1}};
    int g[2] = {i, i}, h[2] = {-1, -1};
    defer show("deref", *(pick ? &g : &h));
    defer show("element", &(pick ? g : h)[1]);
    defer show("member", &same_pair(&a)->x);
    a.x += 700;
    g[0] += 900;
    g[1] += 800;
    (void)b;
  }
}

// The line is kept for what strchr found in it; its length was taken at
// the defer.
// CHECK-NEXT: length 9
// CHECK-NEXT: rest :X-ray
static void into_array(void) {
  {
    char line[16] = "key:value";
    defer show_rest(strchr(line, ':'));
    defer show_length(strlen(line));
    memcpy(line + 4, "X-ray", 6);
  }
}

// CHECK-NEXT: panicked taking it
// CHECK-NEXT: recovered: no int
static int *must(int *p) {
  if (*p < 0)
    panic("no int");
  return p;
}
static void panics_taking_values(void) {
  defer {
    const char *why = recover();
    printf("recovered: %s\n", why ? why : "nothing");
  }
  for (int i = 0; i < 2; i++) {
    int v = i - 1;
    defer { if (v < 0) printf("panicked taking it\n"); }
    defer show("never", must(&v));
  }
}

int main(void) {
  conditional(1);
  in_struct();
  in_union();
  as_integer();
  through_call();
  elvis_and_real();
  on_top(1);
  into_array();
  panics_taking_values();
  return 0;
}
