// The plugin works in every output mode of the compiler: objects, assembly,
// LLVM IR (text and bitcode), syntax checking only, and a shared library.
// RUN: %cdefer -c %S/Inputs/program.c -o %t.o
// RUN: %clang %t.o %runtime -o %t.exe && %t.exe | FileCheck %s
// RUN: %cdefer -S %S/Inputs/program.c -o %t.s
// RUN: %clang -c %t.s -o %t.from-s.o && %clang %t.from-s.o %runtime -o %t.from-s && %t.from-s | FileCheck %s
// RUN: %cdefer -S -emit-llvm %S/Inputs/program.c -o %t.ll
// RUN: FileCheck %s --check-prefix=IR < %t.ll
// RUN: %cdefer -c -emit-llvm %S/Inputs/program.c -o %t.bc
// RUN: %clang %t.bc %runtime -o %t.from-bc && %t.from-bc | FileCheck %s
// RUN: %cdefer -fsyntax-only %S/Inputs/program.c
// RUN: %cdefer -fPIC -shared -DAS_LIBRARY %S/Inputs/program.c -o %t.so
// CHECK: main: exit
// CHECK: sum = 10
// The record helpers only move pointers: they are called, never invoked
// (no landing pad each, which would slow -O0 builds).
// IR-NOT: invoke {{.*}} @cdefer_{{defer|frame_start}}
// IR: call ptr @__cdefer_deferproc_site(
// IR: call i32 @__cdefer_deferreturn(
