// Comments and blank lines inside a function are not code for llvm-cov,
// with the plugin as without it: clang's coverage mapping finds them with
// the preprocessor's one token watcher, which the plugin replaced with its
// own, so that every file built with it (defers or not) counted its
// comment lines as code. The plugin now calls the watcher it found.
// REQUIRES: llvm-cov
// RUN: rm -rf %t && mkdir %t && cd %t
// RUN: %clang -fprofile-instr-generate -fcoverage-mapping -DPLAIN %s -o plain
// RUN: %cdefer-cc -fprofile-instr-generate -fcoverage-mapping -DPLAIN %s -o with-plugin
// RUN: env LLVM_PROFILE_FILE=plain.profraw ./plain
// RUN: env LLVM_PROFILE_FILE=with-plugin.profraw ./with-plugin
// RUN: llvm-profdata merge plain.profraw -o plain.profdata
// RUN: llvm-profdata merge with-plugin.profraw -o with-plugin.profdata
// RUN: llvm-cov show ./plain -instr-profile=plain.profdata %s > plain.txt
// RUN: llvm-cov show ./with-plugin -instr-profile=with-plugin.profdata %s > with-plugin.txt
// RUN: diff plain.txt with-plugin.txt
// RUN: FileCheck %s < with-plugin.txt
// And in a function with defers.
// RUN: %cdefer-cc -fprofile-instr-generate -fcoverage-mapping %s -o defers
// RUN: env LLVM_PROFILE_FILE=defers.profraw ./defers
// RUN: llvm-profdata merge defers.profraw -o defers.profdata
// RUN: llvm-cov show ./defers -instr-profile=defers.profdata %s | FileCheck %s --check-prefix=DEFERS
#ifndef PLAIN
#include <cdefer.h>
#endif
#include <stdio.h>

static int sum(int n) {
  int s = 0;
#ifndef PLAIN
  defer printf("sum done\n");
#endif
  for (int i = 0; i < n; i++) {
    // CHECK: {{^ *}}[[@LINE]]|       |    // CHECK
    // DEFERS: {{^ *}}[[@LINE-1]]|       |    // CHECK

    s += i;
  }
  return s;
}

int main(void) { return sum(4) == 6 ? 0 : 1; }
