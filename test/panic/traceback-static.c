// A static executable's traceback names its frames too. dladdr knows no
// module in one (-static, -static-pie): the trace used to print "??" and
// the bare address, which moves each run under -static-pie; the program
// headers say which module holds it. Without a symbolizer the raw form,
// executable+0xoffset, gives the frame back to llvm-symbolizer.
// UNSUPPORTED: sanitize
// RUN: for m in -static -static-pie; do \
// RUN:   %cdefer -g $m %s %runtime -o %t$m || exit 1; \
// RUN:   %expect-status 2 %t$m 2> %t.err; FileCheck %s < %t.err || exit 1; \
// RUN:   env CDEFER_SYMBOLIZER= %expect-status 2 %t$m 2> %t.err; \
// RUN:   FileCheck %s --check-prefix=RAW < %t.err || exit 1; \
// RUN:   llvm-symbolizer --obj=%t$m $(sed -n '/^??$/{n;s/.*+//;p;q}' %t.err) \
// RUN:     | FileCheck %s --check-prefix=ADDR2LINE || exit 1; done
// CHECK:      panic: static
// CHECK-EMPTY:
// CHECK-NEXT: thread {{[0-9]+}} [running]:
// RAW:        thread {{[0-9]+}} [running]:
// RAW-NEXT:   ??
// RAW-NEXT:   {{^	.*}}traceback-static.c.tmp-static{{(-pie)?}}+0x{{[0-9a-f]+$}}
#include <cdefer.h>

__attribute__((noinline)) static void explode(void) {
  panic("static"); // CHECK-NEXT: explode{{$}}
  // CHECK-NEXT: {{^	.*}}traceback-static.c:[[@LINE-1]]:{{[0-9]+$}}
  // ADDR2LINE: explode
  // ADDR2LINE-NEXT: traceback-static.c:[[@LINE-3]]
}

int main(void) {
  explode(); // CHECK-NEXT: main{{$}}
  // CHECK-NEXT: {{^	.*}}traceback-static.c:[[@LINE-1]]:{{[0-9]+$}}
  return 0;
}
