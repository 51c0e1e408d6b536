// Another language's exception passing C frames with defers.
// 1. recover() while a C++ exception unwinds the frame returns NULL, even
//    with a panic on the thread that a C++ catch, or a longjmp out of its
//    deferred code, abandoned: it used to return that panic's value and
//    stop it a second time.
// 2. A panic raised in deferred code that a C++ exception runs replaces the
//    exception; recovered, it ends it as catch (...) {} would: the
//    exception object used to leak, and std::uncaught_exceptions() to grow
//    by one each time.
// RUN: %cdefer -c -O1 %s -o %t.c.o
// RUN: %cdefer -c -O2 -fplugin-arg-cdefer-strategy=runtime %s -o %t.rt.o
// RUN: %clang -x c++ -c -O1 %S/Inputs/cxx-abandoned.cpp -o %t.cxx.o
// RUN: %clang %t.c.o %t.cxx.o %runtime -lstdc++ -o %t
// RUN: %clang %t.rt.o %t.cxx.o %runtime -lstdc++ -o %t.rt
// RUN: %t | FileCheck %s --check-prefixes=CHECK,CATCH
// RUN: %t.rt | FileCheck %s --check-prefixes=CHECK,CATCH
// RUN: %t longjmp | FileCheck %s --check-prefixes=CHECK,LONGJMP
// RUN: %t.rt longjmp | FileCheck %s --check-prefixes=CHECK,LONGJMP
// 3. A thread that exits from deferred code that a C++ exception runs
//    abandons the exception: it ends with the thread (it leaked), where
//    the frame's deferred code may recover (else nothing says where the
//    exception landed: limits.md).
// RUN: %t thread | FileCheck %s --check-prefix=THREAD
// RUN: %t.rt thread | FileCheck %s --check-prefix=THREAD
#include <cdefer.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>

void cxx_throw(void);

void panic_then_throw(void) {
  defer cxx_throw();
  panic("abandoned by a C++ catch");
}
// CATCH: C++ caught the exception that abandoned a panic

static jmp_buf back;

void panic_then_longjmp(void) {
  if (setjmp(back)) {
    puts("back from the deferred code by longjmp");
    return;
  }
  defer { longjmp(back, 1); }
  panic("abandoned by a longjmp");
}
// LONGJMP: back from the deferred code by longjmp

void recover_while_thrown(void) {
  defer {
    const char *v = recover();
    printf("recover() while a C++ exception passes: %s\n", v ? v : "NULL");
  }
  cxx_throw();
}
// CHECK: recover() while a C++ exception passes: NULL
// CHECK-NEXT: C++ caught it after the C frame
// CHECK-NEXT: after the catch: 0 uncaught, 0 alive

static void throws_through(void) {
  defer panic("replaces the exception");
  cxx_throw();
}

// The panic leaves the frame the exception landed in, or (in_frame) is
// raised and recovered by that frame's own deferred code.
void panic_replaces_thrown(int in_frame) {
  defer {
    const char *v = recover();
    printf("recovered: %s\n", v ? v : "NULL");
  }
  if (!in_frame) {
    throws_through();
    return;
  }
  defer panic("replaces the exception in its frame");
  cxx_throw();
}
// CHECK-NEXT: recovered: replaces the exception
// CHECK-NEXT: after a panic replaced the exception: 0 uncaught, 0 alive
// CHECK-NEXT: recovered: replaces the exception in its frame
// CHECK-NEXT: after a panic replaced the exception: 0 uncaught, 0 alive

// leave_thread (C++) calls pthread_exit; it might recover, as far as this
// file knows, so the frame says where the exception landed.
void leave_thread(void);

void exits_during_exception(void) {
  defer leave_thread();
  cxx_throw();
}
// THREAD: after a thread exit abandoned the exception: 0 uncaught, 0 alive
