// `-E` then compiling the .i (what distcc and some ccache modes do) gives the
// same program as compiling the source directly: everything the plugin needs
// survives preprocessing in the .i text itself.
// RUN: %cdefer -E %S/Inputs/program.c -o %t.i
// RUN: %cdefer -c %t.i -o %t.from-i.o
// RUN: %clang %t.from-i.o %runtime -o %t.from-i
// RUN: %cdefer %S/Inputs/program.c %runtime -o %t.direct
// RUN: %t.direct > %t.direct.out
// RUN: %t.from-i > %t.from-i.out
// RUN: diff %t.direct.out %t.from-i.out
// RUN: FileCheck %s < %t.from-i.out
// The same with runtime records forced.
// RUN: %cdefer -fplugin-arg-cdefer-strategy=runtime -c %t.i -o %t.rt.o
// RUN: %clang %t.rt.o %runtime -o %t.rt
// RUN: %t.rt | diff %t.direct.out -
// CHECK:      main: body
// CHECK-NEXT: main: exit
// CHECK-NEXT: summing 5 values
// CHECK-NEXT: sum = 10
// The .i spells defer as the plugin's attribute, nothing else.
// RUN: FileCheck %s --check-prefix=I < %t.i
// I: __attribute__((cdefer)) free(values);
