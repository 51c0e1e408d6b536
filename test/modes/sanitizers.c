// Programs using both strategies run clean under AddressSanitizer and
// UndefinedBehaviorSanitizer, at -O0 and -O2.
// RUN: %run-modes %S/Inputs/program.c -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %s
// RUN: %run-modes %S/../semantics/call-args.c -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %S/../semantics/call-args.c
// RUN: %run-modes %S/../semantics/inner-capture.c -fsanitize=address,undefined -fno-sanitize-recover=all | FileCheck %S/../semantics/inner-capture.c
// CHECK: sum = 10
