// The shape of the runtime-records lowering, and the interface it shares with
// the runtime (runtime/include/cdefer.h, runtime/src/internal.h): one
// cdefer_frame per function, cdefer_deferproc(&frame, site, capture size)
// at each executed defer with the captures stored in the returned area, and
// the exit loop over cdefer_deferreturn dispatching on frame.site.
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=runtime -Xclang -ast-print %s | FileCheck %s
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=runtime -Xclang -ast-dump %s | FileCheck %s --check-prefix=DUMP
#include <cdefer.h>

void use3(int, int, int);
struct wide { long a[5]; };
void use_wide(struct wide);

void shape(int n, struct wide w) {
  for (int i = 0; i < n; i++)
    defer use3(i, n, 7);
  defer use_wide(w);
  defer { use3(n, 0, 0); }
}
// CHECK-LABEL: void shape(int n, struct wide w) {
// CHECK-NEXT:    struct cdefer_frame __cdefer_frame = /*implicit*/(struct cdefer_frame){};
// CHECK-NEXT:    void *__cdefer_captures;
// CHECK-NEXT:    int __cdefer_s0_arg0;
// CHECK-NEXT:    int __cdefer_s0_arg1;
// CHECK-NEXT:    struct wide __cdefer_s1_arg0;
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        __cdefer_s0_arg0 = i;
// CHECK-NEXT:        __cdefer_s0_arg1 = n;
// CHECK-NEXT:        __cdefer_captures = cdefer_deferproc(&__cdefer_frame, 0U, 8UL);
// CHECK-NEXT:        __cdefer_captures->arg0 = __cdefer_s0_arg0;
// CHECK-NEXT:        __cdefer_captures->arg1 = __cdefer_s0_arg1;
// CHECK-NEXT:    }
// CHECK-NEXT:    {
// CHECK-NEXT:        __cdefer_s1_arg0 = w;
// CHECK-NEXT:        __cdefer_captures = cdefer_deferproc(&__cdefer_frame, 1U, 40UL);
// CHECK-NEXT:        __cdefer_captures->arg0 = __cdefer_s1_arg0;
// CHECK-NEXT:    }
// CHECK-NEXT:    {
// CHECK-NEXT:        cdefer_deferproc(&__cdefer_frame, 2U, 0UL);
// CHECK-NEXT:    }
// CHECK-NEXT:  __cdefer_exit:
// CHECK-NEXT:    {
// CHECK-NEXT:        __cdefer_exit_mark(&__cdefer_frame);
// CHECK-NEXT:        while (__cdefer_captures = cdefer_deferreturn(&__cdefer_frame))
// CHECK-NEXT:            switch (__cdefer_frame.site) {
// CHECK-NEXT:              case 0U:
// CHECK-NEXT:                {
// CHECK-NEXT:                    __cdefer_s0_arg0 = __cdefer_captures->arg0;
// CHECK-NEXT:                    __cdefer_s0_arg1 = __cdefer_captures->arg1;
// CHECK-NEXT:                    __cdefer_site_call();
// CHECK-NEXT:                    use3(__cdefer_s0_arg0, __cdefer_s0_arg1, 7);
// CHECK-NEXT:                }
// CHECK-NEXT:                break;
// CHECK-NEXT:              case 1U:
// CHECK-NEXT:                {
// CHECK-NEXT:                    __cdefer_s1_arg0 = __cdefer_captures->arg0;
// CHECK-NEXT:                    __cdefer_site_call();
// CHECK-NEXT:                    use_wide(__cdefer_s1_arg0);
// CHECK-NEXT:                }
// CHECK-NEXT:                break;
// CHECK-NEXT:              case 2U:
// CHECK-NEXT:                {
// CHECK-NEXT:                    __cdefer_site_block();
// CHECK-NEXT:                    {
// CHECK-NEXT:                        use3(n, 0, 0);
// CHECK-NEXT:                    }
// CHECK-NEXT:                }
// CHECK-NEXT:                break;
// CHECK-NEXT:            }
// CHECK-NEXT:        return;
// CHECK-NEXT:    }
// CHECK-NEXT: }

// The captures are read through the area cdefer_deferproc returns, cast to
// the site's record type; nothing else of the runtime's layout is assumed.
// DUMP:      IntegerLiteral {{.*}} 'size_t':'unsigned long' 8
// DUMP:      MemberExpr {{.*}} 'int' lvalue ->arg0
// DUMP-NEXT:   ImplicitCastExpr {{.*}} 'struct __cdefer_s0_record *' <BitCast>
// DUMP-NEXT:     ImplicitCastExpr {{.*}} 'void *' <LValueToRValue>
// DUMP-NEXT:       DeclRefExpr {{.*}} 'void *' lvalue Var {{.*}} '__cdefer_captures' 'void *'
