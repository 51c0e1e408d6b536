// -Wunreachable-code sees deferred code where it runs: at exit, not at its
// `defer`, where Sema reads it (`defer abort(); work();` said work() "will
// never be executed"). The plugin switches Sema's run off for functions with
// defers and runs the same analysis with each deferred statement read as
// code that may or may not run where it stands, with clang's own warnings
// and flags: code that really is unreachable still warns, in deferred code
// too, and -Wreturn-type is Sema's, which reads deferred code soundly.
// RUN: %cdefer -fsyntax-only -Wunreachable-code-aggressive -Wreturn-type -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -Wunreachable-code-aggressive -Wreturn-type -Xclang -verify %s -fplugin-arg-cdefer-strategy=runtime
// RUN: %cdefer -c -o /dev/null -Wunreachable-code -Wunreachable-code-return -Wreturn-type -Xclang -verify %s
#include <cdefer.h>
#include <stdlib.h>

void sink(int);
void cleanup(void);

// --- Deferred code that ends the program runs at exit: no warning. ---

int panics_at_exit(int n) {
  defer panic("x");
  sink(n);
  return n;
}

int exits_at_exit(int n) {
  defer exit(3);
  sink(n);
  return n;
}

int aborts_at_exit(int n) {
  defer abort();
  if (n)
    return 1;
  sink(n);
  return 0;
}

void block_panics_at_exit(int n) {
  defer {
    sink(n);
    panic("x");
  }
  sink(n);
}

void in_a_loop(int n) {
  for (int i = 0; i < n; i++) {
    defer abort();
    sink(i);
  }
  sink(n);
}

void nested(int n) {
  defer {
    defer abort();
    sink(n);
  }
  sink(n);
}

void labeled(int n) {
again:
  defer abort();
  sink(n);
  if (n--)
    goto again;
}

// A function that never returns normally needs no value at its end, as its
// goto-cleanup twin does not; one whose deferred code returns does.
int falls_off_into_abort(int n) {
  defer abort();
  if (n)
    return 1;
}

int returns_a_value(void) {
  defer cleanup();
  return 1;
}

int falls_off(int n) {
  defer sink(n);
  if (n)
    return 1;
} // expected-warning {{non-void function does not return a value in all control paths}}

// --- Code that really is unreachable still warns. ---

int after_a_return(int n) {
  defer sink(n);
  return n;
  sink(2); // expected-warning {{code will never be executed}}
}

int return_after_abort(int n) {
  defer sink(n);
  abort();
  return n; // expected-warning {{'return' will never be executed}}
}

void defer_after_a_return(int n) {
  return;
  defer sink(n); // expected-warning {{code will never be executed}}
}

void inside_deferred_code(int n) {
  defer {
    abort();
    sink(n); // expected-warning {{code will never be executed}}
  }
  sink(n);
}

void after_a_loop_forever(int n) {
  defer sink(n);
  while (1)
    sink(1);
  sink(2); // expected-warning {{code will never be executed}}
}

int configuration_value(int n) {
  defer sink(n);
  if (0) // expected-note {{silence by adding parentheses to mark code as explicitly dead}}
    sink(n); // expected-warning {{code will never be executed}}
  return n;
}

// --- Functions without defers are Sema's as before. ---

int no_defer(int n) {
  abort();
  return n; // expected-warning {{'return' will never be executed}}
}

// A pragma that turns the warning on, between declarations, makes Sema run
// its analysis on the next function whatever holds at its `}`: no false
// warning either.
void declared_before_the_pragma(void);
#pragma clang diagnostic warning "-Wunreachable-code"
int after_a_pragma(int n) {
  defer abort();
  sink(n);
  return n;
}
