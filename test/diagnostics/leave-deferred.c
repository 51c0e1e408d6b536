// return, goto, break and continue may not leave a deferred statement, and
// nothing may jump into one; each error points at the statement, with a note
// at its defer.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void f(int n) {
  defer { return; } // expected-error {{'return' cannot appear in a deferred statement}} expected-note {{deferred statement is here}}

  for (int i = 0; i < n; i++) {
    defer { break; }    // expected-error {{'break' cannot leave a deferred statement}} expected-note {{deferred statement is here}}
    defer { continue; } // expected-error {{'continue' cannot leave a deferred statement}} expected-note {{deferred statement is here}}
  }

  defer { goto out; } // expected-error {{'goto' cannot leave a deferred statement}} expected-note {{deferred statement is here}}

  defer { // expected-note {{deferred statement is here}}
    goto *(n ? &&out : &&out); // expected-error {{'goto *' cannot leave a deferred statement}}
  }
out:;
}

void allowed(int n) {
  defer {
    for (int i = 0; i < n; i++) {
      if (i == 2) break;
      if (i == 1) continue;
    }
    switch (n) { case 1: break; default: break; }
    goto inside;
  inside:;
  }
}

int g(int n) {
  goto in; // expected-error {{'goto' jumps into a deferred statement}}
  defer { // expected-note {{deferred statement is here}}
  in:;
  }
  switch (n) {
  case 0:
    defer { // expected-note {{deferred statement is here}}
    case 1:; // expected-error {{a 'case' label of an outer 'switch' jumps into a deferred statement}}
    }
  }
  switch (n) {
  case 2:
    defer { // expected-note {{deferred statement is here}}
    default:; // expected-error {{a 'default' label of an outer 'switch' jumps into a deferred statement}}
    }
  }
  return 0;
}

// Deferred code nested in deferred code is checked once, by its own
// statement: one error for a return in it, not one per level around it.
void use(int);
void nested(int n) {
  defer {
    defer { // expected-note {{deferred statement is here}}
      if (n)
        return; // expected-error {{'return' cannot appear in a deferred statement}}
      use(n);
    }
  }
  defer {
    goto inner; // expected-error {{'goto' jumps into a deferred statement}}
    defer { // expected-note 2 {{deferred statement is here}}
    inner:
      use(n);
      goto outer; // expected-error {{'goto' cannot leave a deferred statement}}
    }
  outer:;
  }
}

// A computed goto in deferred code may reach any label whose address the
// function takes: one outside the deferred statement makes it an error.
void computed(int n) {
  void *outside = &&after;
  defer { // expected-note {{deferred statement is here}}
    void *p = n ? &&in : outside;
    goto *p; // expected-error {{'goto *' cannot leave a deferred statement}}
  in:;
  }
after:;
}

// A musttail return cannot leave room for deferred statements.
int callee(int);
int tail(int n) {
  defer callee(0);
  __attribute__((musttail)) return callee(n); // expected-error {{a 'musttail' return cannot be used in a function with defers}}
}
