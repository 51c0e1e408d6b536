// The lowering on targets other than the host: 32-bit (uintptr_t of 32
// bits, records aligned to 4), ILP32 on 64-bit registers, big-endian, and
// wasm32. An inner `double` that a loop's deferred block reads crashed
// clang on every 32-bit target: the record's alignment mask was built with
// 64 bits. Compiled only (no libc here), with both strategies, -O0 and -O2.
// RUN: for t in i386-linux-gnu x86_64-linux-gnux32 armv7-linux-gnueabihf \
// RUN:          riscv32-linux-gnu mips-linux-gnu wasm32 aarch64-linux-gnu \
// RUN:          powerpc64-linux-gnu s390x-linux-gnu; do \
// RUN:   for o in -O0 -O2; do for s in auto runtime; do \
// RUN:     %cdefer --target=$t $o -fplugin-arg-cdefer-strategy=$s -c %s \
// RUN:       -o %t.o || { echo "FAILED: $t $o $s"; exit 1; }; \
// RUN:   done; done; done
#include <cdefer.h>

void use_double(double);
void use_long_long(long long);
void use_wide(long double, _Complex double);
void use_pointer(void *);
void use_int(int);
struct big { long long a[5]; char tag; };
void use_big(struct big);

void inner_values(int n) {
  for (int i = 0; i < n; i++) {
    double d = i;
    long long w = i;
    _Alignas(16) char aligned[16] = {0};
    defer { use_double(d); use_long_long(w); use_pointer(aligned); }
    defer use_pointer(&d);
  }
}

long long results(int n) {
  defer_result long long r = n;
  defer { r *= 3; }
  if (n < 0)
    return -1;
  return r + 1;
}

void arguments(long double x, _Complex double z, struct big b) {
  defer use_wide(x, z);
  defer use_big(b);
  for (int i = 0; i < 3; i++)
    defer use_big(b);
}

void nested_and_vla(int n) {
  defer {
    int vla[n > 0 ? n : 1];
    vla[0] = n;
    use_int(vla[0]);
  }
  defer {
    long long inner = n;
    defer use_long_long(inner);
    if (recover())
      use_int(-1);
  }
  if (n > 4)
    panic("too big");
}

#define D4(k) defer use_int(k); defer use_int(k + 1); defer use_int(k + 2); \
  if (n > k) defer use_int(k + 3);
#define D16(k) D4(k) D4(k + 4) D4(k + 8) D4(k + 12)
void many_sites(int n) { // more sites than a 32- or 64-bit mask holds
  D16(0) D16(16) D16(32) D16(48) D16(64)
}
