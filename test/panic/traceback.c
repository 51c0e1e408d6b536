// An uncaught panic prints the stack from the function that called panic
// outwards, after its panic lines (Go's goroutine traceback): function and
// file:line:col with -g; function and module+0xoffset without, ready for
// llvm-symbolizer or addr2line (checked below against the -g build, whose
// code is the same). At -O0 and -O2. CDEFER_TRACEBACK=none prints the panic
// lines only; a symbolizer that is missing or fails gives the raw form.
// UNSUPPORTED: sanitize
// RUN: for o in -O0 -O2; do \
// RUN:   %cdefer -g $o %s %runtime -o %t.g$o || exit 1; \
// RUN:   %cdefer $o %s %runtime -o %t.nog$o || exit 1; done
// RUN: %expect-status 2 %t.g-O0 2> %t.err; FileCheck %s --check-prefix=DWARF < %t.err
// RUN: %expect-status 2 %t.g-O2 2> %t.err; FileCheck %s --check-prefix=DWARF < %t.err
// RUN: %expect-status 2 %t.nog-O0 2> %t.err; FileCheck %s --check-prefix=RAW < %t.err
// RUN: %expect-status 2 %t.nog-O2 2> %t.err; FileCheck %s --check-prefix=RAW < %t.err
// RUN: %expect-status 2 %t.nog-O0 2> %t.err
// RUN: sed -n '/^explode$/{n;s/.*+//;p;q}' %t.err > %t.offset
// RUN: llvm-symbolizer --obj=%t.g-O0 $(cat %t.offset) | FileCheck %s --check-prefix=ADDR2LINE
// RUN: env CDEFER_TRACEBACK=none %expect-status 2 %t.g-O0 2> %t.err; FileCheck %s --check-prefix=NONE < %t.err
// RUN: env CDEFER_SYMBOLIZER= %expect-status 2 %t.g-O0 2> %t.err; FileCheck %s --check-prefix=NOSYM < %t.err
// RUN: env CDEFER_SYMBOLIZER=/bin/false %expect-status 2 %t.g-O0 2> %t.err; FileCheck %s --check-prefix=NOSYM < %t.err
// RUN: env CDEFER_SYMBOLIZER=/nonexistent/llvm-symbolizer %expect-status 2 %t.g-O0 2> %t.err; FileCheck %s --check-prefix=NOSYM < %t.err
#include <cdefer.h>
#include <stdio.h>

static volatile int sink;

// DWARF:      explode's defer
// DWARF:      panic: boom
// DWARF-EMPTY:
// DWARF-NEXT: thread {{[0-9]+}} [running]:
// RAW:        panic: boom
// RAW-EMPTY:
// RAW-NEXT:   thread {{[0-9]+}} [running]:
// NONE:       panic: boom
// NONE-NOT:   thread
// NOSYM:      thread {{[0-9]+}} [running]:
// NOSYM-NEXT: ??
// NOSYM-NEXT: {{.*}}traceback.c.tmp.g-O0+0x{{[0-9a-f]+$}}
// NOSYM-NEXT: ??
// NOSYM-NEXT: {{.*}}traceback.c.tmp.g-O0+0x{{[0-9a-f]+$}}

__attribute__((noinline)) static void explode(int n) {
  defer fprintf(stderr, "explode's defer\n");
  if (n > 1)
    panic("boom"); // DWARF-NEXT: explode{{$}}
  // DWARF-NEXT: {{^	.*}}traceback.c:[[@LINE-1]]:{{[0-9]+$}}
  // RAW-NEXT: explode{{$}}
  // RAW-NEXT: {{^	.*}}traceback.c.tmp.nog-O{{[02]}}+0x{{[0-9a-f]+$}}
  // ADDR2LINE: explode
  // ADDR2LINE-NEXT: traceback.c:[[@LINE-5]]
}

__attribute__((noinline)) static void middle(int n) {
  explode(n + 1); // DWARF-NEXT: middle{{$}}
  // DWARF-NEXT: {{^	.*}}traceback.c:[[@LINE-1]]:{{[0-9]+$}}
  // RAW-NEXT: middle{{$}}
  sink++;
}

__attribute__((noinline)) static void outer(int n) {
  middle(n); // DWARF-NEXT: outer{{$}}
  // DWARF-NEXT: {{^	.*}}traceback.c:[[@LINE-1]]:{{[0-9]+$}}
  sink++;
}

int main(void) {
  outer(1); // DWARF-NEXT: main{{$}}
  // DWARF-NEXT: {{^	.*}}traceback.c:[[@LINE-1]]:{{[0-9]+$}}
  sink++;
  return 0;
}
