// Past 256 defer statements in one function, the IR pass keeps the records
// frame in memory (its address escapes to an empty asm): forwarding its
// fields through every case of the exit's dispatch made -O2 take time
// quadratic in the number of sites (bench/panic-safety.sh, scenario 9).
// Functions with fewer sites keep the frame to the optimizer.
// RUN: %cdefer -O0 -S -emit-llvm %s -o - | FileCheck %s
#include <cdefer.h>

void use(int);

#define D2(n) defer use(n); defer use(n + 1);
#define D10(n) D2(n) D2(n + 2) D2(n + 4) D2(n + 6) D2(n + 8)
#define D100(n) D10(n) D10(n + 10) D10(n + 20) D10(n + 30) D10(n + 40) \
                D10(n + 50) D10(n + 60) D10(n + 70) D10(n + 80) D10(n + 90)

void many(void) {
  D100(0) D100(100) D10(200) D10(210) D10(220) D10(230) D10(240)
  D10(250) /* 260 */
}
// CHECK-LABEL: define {{.*}}void @many(
// CHECK:         call void asm sideeffect "", "r,~{memory}"(ptr
// CHECK:       }

void fewer(void) {
  D100(0) D100(100) D10(200) D10(210) D10(220) D10(230) D10(240) /* 250 */
}
// CHECK-LABEL: define {{.*}}void @fewer(
// CHECK-NOT:     asm sideeffect
// CHECK:       }
