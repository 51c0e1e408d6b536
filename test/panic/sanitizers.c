// Panics, recovers and unwinding run clean under AddressSanitizer and
// UndefinedBehaviorSanitizer, with both strategies at -O0 and -O2; thread
// exits also under SafeStack, which, as ASan's fake stack does, keeps
// locals off the machine stack.
// RUN: %run-modes %S/unwinds-callers.c -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %S/unwinds-callers.c
// RUN: %run-modes %S/recover-rules.c -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %S/recover-rules.c
// RUN: %run-modes %S/nested.c -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %S/nested.c
// RUN: %run-modes %S/deep-repanic.c -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %S/deep-repanic.c
// RUN: %run-modes %S/thread-exit.c -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %S/thread-exit.c
// RUN: env -u CDEFER_MODE_FLAGS %run-modes %S/thread-exit.c -fsanitize=safe-stack | FileCheck %S/thread-exit.c
// RUN: %expect-status 2 %run-modes %S/uncaught.c -DCASE=3 -fsanitize=address,undefined -fno-sanitize-recover=all > %t.out 2> %t.err
// RUN: FileCheck %s < %t.err
// CHECK: panic: first [recovered]
// CHECK-NEXT: panic: second
