// The shape of the runtime-records lowering, and the interface it shares with
// the runtime (runtime/include/cdefer.h): one cdefer_frame per function,
// started on a buffer in the function's own frame; at each executed defer,
// __cdefer_deferproc_site(&frame, site, record size) (__cdefer_deferproc without
// the site when the function has one defer statement) with the captures
// stored in the returned record; and an exit loop that runs the records of
// the newest chunk while __cdefer_deferpending, dispatching on
// __cdefer_deferred_site, each site taking its record with __cdefer_deferpop,
// and moves to older chunks with __cdefer_deferreturn. Each site's code is
// wrapped in `if (1)`, which gives it a coverage region of its own.
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=runtime -Xclang -ast-print %s | FileCheck %s
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=runtime -Xclang -ast-dump %s | FileCheck %s --check-prefix=DUMP
#include <cdefer.h>

void use3(int, int, int);
struct wide { long a[5]; };
void use_wide(struct wide);
void use_ld(long double);

// Records: the captures, padded, then the site in the last 4 bytes, in
// multiples of the most aligned record (8 here, for the struct of longs):
// 16 for two ints, 48 for 40 bytes, 8 for nothing. The
// buffer has room for 16 runs of the loop's defer, at most 256 bytes.
void shape(int n, struct wide w) {
  for (int i = 0; i < n; i++)
    defer use3(i, n, 7);
  defer use_wide(w);
  defer { use3(n--, 0, 0); w.a[0] = 0; } // n and w change: captured above
}
// CHECK-LABEL: void shape(int n, struct wide w) {
// CHECK-NEXT:    struct __cdefer_frame __cdefer_frame;
// CHECK-NEXT:    void *__cdefer_captures;
// CHECK-NEXT:    int __cdefer_s0_arg0;
// CHECK-NEXT:    int __cdefer_s0_arg1;
// CHECK-NEXT:    struct __cdefer_s0_record {
// CHECK-NEXT:        int arg0;
// CHECK-NEXT:        int arg1;
// CHECK-NEXT:    };
// CHECK-NEXT:    struct wide __cdefer_s1_arg0;
// CHECK-NEXT:    struct __cdefer_s1_record {
// CHECK-NEXT:        struct wide arg0;
// CHECK-NEXT:    };
// CHECK-NEXT:    void *__cdefer_stack[32];
// CHECK-NEXT:    __cdefer_frame_start(&__cdefer_frame, &__cdefer_stack, 256UL);
// CHECK-NEXT:    for (int i = 0; i < n; i++) {
// CHECK-NEXT:        __cdefer_s0_arg0 = i;
// CHECK-NEXT:        __cdefer_s0_arg1 = n;
// CHECK-NEXT:        __cdefer_captures = __cdefer_deferproc_site(&__cdefer_frame, 0U, 16UL);
// CHECK-NEXT:        ((struct __cdefer_s0_record *)__cdefer_captures)->arg0 = __cdefer_s0_arg0;
// CHECK-NEXT:        ((struct __cdefer_s0_record *)__cdefer_captures)->arg1 = __cdefer_s0_arg1;
// CHECK-NEXT:    }
// CHECK-NEXT:    {
// CHECK-NEXT:        __cdefer_s1_arg0 = w;
// CHECK-NEXT:        __cdefer_captures = __cdefer_deferproc_site(&__cdefer_frame, 1U, 48UL);
// CHECK-NEXT:        ((struct __cdefer_s1_record *)__cdefer_captures)->arg0 = __cdefer_s1_arg0;
// CHECK-NEXT:    }
// CHECK-NEXT:    {
// CHECK-NEXT:        __cdefer_deferproc_site(&__cdefer_frame, 2U, 8UL);
// CHECK-NEXT:    }
// CHECK-NEXT:  __cdefer_exit:
// CHECK-NEXT:    {
// CHECK-NEXT:        __cdefer_exit_mark(&__cdefer_frame, 0);
// CHECK-NEXT:        do {
// CHECK-NEXT:            if (__cdefer_deferpending(&__cdefer_frame))
// CHECK-NEXT:                do 
// CHECK-NEXT:                    switch (__cdefer_deferred_site(&__cdefer_frame)) {
// CHECK-NEXT:                      case 0U:
// CHECK-NEXT:                        {
// CHECK-NEXT:                            __cdefer_site_call((void *)use3, 0);
// CHECK-NEXT:                            __cdefer_captures = __cdefer_deferpop(&__cdefer_frame, 16UL);
// CHECK-NEXT:                            __cdefer_s0_arg0 = ((struct __cdefer_s0_record *)__cdefer_captures)->arg0;
// CHECK-NEXT:                            __cdefer_s0_arg1 = ((struct __cdefer_s0_record *)__cdefer_captures)->arg1;
// CHECK-NEXT:                            if (1)
// CHECK-NEXT:                                use3(__cdefer_s0_arg0, __cdefer_s0_arg1, 7);
// CHECK-NEXT:                        }
// CHECK-NEXT:                        break;
// CHECK-NEXT:                      case 1U:
// CHECK-NEXT:                        {
// CHECK-NEXT:                            __cdefer_site_call((void *)use_wide, 0);
// CHECK-NEXT:                            __cdefer_captures = __cdefer_deferpop(&__cdefer_frame, 48UL);
// CHECK-NEXT:                            __cdefer_s1_arg0 = ((struct __cdefer_s1_record *)__cdefer_captures)->arg0;
// CHECK-NEXT:                            if (1)
// CHECK-NEXT:                                use_wide(__cdefer_s1_arg0);
// CHECK-NEXT:                        }
// CHECK-NEXT:                        break;
// CHECK-NEXT:                      case 2U:
// CHECK-NEXT:                        {
// CHECK-NEXT:                            __cdefer_site_block(0);
// CHECK-NEXT:                            __cdefer_deferpop(&__cdefer_frame, 8UL);
// CHECK-NEXT:                            if (1) {
// CHECK-NEXT:                                use3(n--, 0, 0);
// CHECK-NEXT:                                w.a[0] = 0;
// CHECK-NEXT:                            }
// CHECK-NEXT:                        }
// CHECK-NEXT:                        break;
// CHECK-NEXT:                      default:
// CHECK-NEXT:                        break;
// CHECK-NEXT:                    }
// CHECK-NEXT:                while (__cdefer_deferpending(&__cdefer_frame));
// CHECK-NEXT:        } while (__cdefer_deferreturn(&__cdefer_frame));
// CHECK-NEXT:        return;
// CHECK-NEXT:    }
// CHECK-NEXT: }

// One defer statement: no site in the record and no dispatch. It repeats,
// so the records loop tests last, which lets the optimizer unroll a counted
// loop's records (cdefer.h). Its records
// are as aligned as they need to be: three ints make 12 bytes, as in an
// array of them.
void one_site(int n) {
  for (int i = 0; i < n; i++)
    defer use3(i, i * n, i + n);
}
// CHECK-LABEL: void one_site(int n) {
// CHECK:         void *__cdefer_stack[24];
// CHECK-NEXT:    __cdefer_frame_start(&__cdefer_frame, &__cdefer_stack, 192UL);
// CHECK:         __cdefer_captures = __cdefer_deferproc(&__cdefer_frame, 12UL);
// CHECK:         do {
// CHECK-NEXT:        if (__cdefer_deferpending(&__cdefer_frame))
// CHECK-NEXT:            do {
// CHECK-NEXT:                __cdefer_site_call((void *)use3, 0);
// CHECK-NEXT:                __cdefer_captures = __cdefer_deferpop(&__cdefer_frame, 12UL);

// A defer that runs at most once gets room for one record. A 16-byte-aligned
// capture is laid out at 8 (the records' alignment), so the record is 16
// bytes, not 32.
void once(long double x) {
  defer use_ld(x);
  x = 0; // changes x: the defer keeps a copy
}
// CHECK-LABEL: void once(long double x) {
// CHECK:         void *__cdefer_stack[2];
// CHECK-NEXT:    __cdefer_frame_start(&__cdefer_frame, &__cdefer_stack, 16UL);
// CHECK:         __cdefer_captures = __cdefer_deferproc(&__cdefer_frame, 16UL);
// No defer repeats and every record fits in the stack buffer: no record
// goes to a chunk, so there is no walk over chunks, and one site has at
// most one record: an `if`, not a loop.
// CHECK:         __cdefer_exit_mark(&__cdefer_frame, 0);
// CHECK-NEXT:    if (__cdefer_deferpending(&__cdefer_frame)) {
// CHECK-NEXT:        __cdefer_site_call((void *)use_ld, 0);
// CHECK-NOT:     __cdefer_deferreturn
// CHECK:             use_ld(__cdefer_s0_arg0);
// CHECK-NEXT:    }
// CHECK-NEXT:    return;

// Two sites that do not repeat: a loop that tests first (there is nothing
// for the optimizer to unroll), still without the walk over chunks.
void twice(int a) {
  defer use3(a, 0, 0);
  if (a)
    defer use3(a, 1, 0);
}
// CHECK-LABEL: void twice(int a) {
// CHECK:         __cdefer_exit_mark(&__cdefer_frame, 0);
// CHECK-NEXT:    while (__cdefer_deferpending(&__cdefer_frame))
// CHECK-NEXT:        switch (__cdefer_deferred_site(&__cdefer_frame)) {
// CHECK-NOT:     __cdefer_deferreturn
// CHECK:         return;

// The captures are read through the record __cdefer_deferproc returns, cast to
// the site's record type; nothing else of the runtime's layout is assumed.
// DUMP:      IntegerLiteral {{.*}} 'size_t':'unsigned long' 16
// DUMP:      MemberExpr {{.*}} 'int' lvalue ->arg0
// DUMP-NEXT:   ParenExpr {{.*}} 'struct __cdefer_s0_record *'
// DUMP-NEXT:     CStyleCastExpr {{.*}} 'struct __cdefer_s0_record *' <BitCast>
// DUMP-NEXT:       ImplicitCastExpr {{.*}} 'void *' <LValueToRValue>
// DUMP-NEXT:         DeclRefExpr {{.*}} 'void *' lvalue Var {{.*}} '__cdefer_captures' 'void *'
