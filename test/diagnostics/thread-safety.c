// -Wthread-safety sees deferred code where it runs. Sema analyses a body as
// written, where `defer unlock(&mu);` stands before the code it protects:
// e62146e warned on every correct function here. The plugin switches Sema's
// run off for functions with defers and runs the same analysis on the
// function as its goto-cleanup twin reads (pass/ExitView.cpp), with clang's
// own warnings and flags: the planted bugs below are still found, and
// functions without defers are Sema's as before.
// RUN: %cdefer -fsyntax-only -Wall -Wthread-safety -Wthread-safety-beta -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -Wall -Wthread-safety -Xclang -verify %s -fplugin-arg-cdefer-strategy=runtime
// RUN: %cdefer -c -o /dev/null -Wall -Wthread-safety -Xclang -verify %s
#include <cdefer.h>

struct __attribute__((capability("mutex"))) mutex { int held; };
void lock(struct mutex *m) __attribute__((acquire_capability(*m)));
void unlock(struct mutex *m) __attribute__((release_capability(*m)));
int try_lock(struct mutex *m) __attribute__((try_acquire_capability(1, *m)));

struct mutex mu, other;
int counter __attribute__((guarded_by(mu)));
int total __attribute__((guarded_by(other)));

// --- Correct code: no warning. ---

void critical_section(void) {
  lock(&mu);
  defer unlock(&mu);
  counter++;
}

int early_returns(int fail) {
  if (fail)
    return -1;
  lock(&mu);
  defer unlock(&mu);
  if (counter > 10)
    return 1;
  counter++;
  return 0;
}

void deferred_block(void) {
  lock(&mu);
  defer {
    counter = 0;
    unlock(&mu);
  }
  counter++;
}

void two_locks(void) {
  lock(&mu);
  defer unlock(&mu);
  lock(&other);
  defer unlock(&other);
  total += counter;
}

int named_result(void) {
  defer_result int r = 0;
  lock(&mu);
  defer unlock(&mu);
  r = counter;
  return r;
}

int with_try_lock(void) {
  if (!try_lock(&mu))
    return 0;
  defer unlock(&mu);
  return ++counter;
}

void panics_while_held(int bad) {
  lock(&mu);
  defer unlock(&mu);
  if (bad)
    panic("bad");
  counter++;
}

// --- Real bugs: still found. ---

void unlocked_twice(void) {
  lock(&mu);
  defer unlock(&mu); // expected-warning {{releasing mutex 'mu' that was not held}}
  unlock(&mu); // expected-note {{mutex released here}}
  counter++; // expected-warning {{writing variable 'counter' requires holding mutex 'mu' exclusively}}
}

void never_locked(void) {
  defer unlock(&mu); // expected-warning {{releasing mutex 'mu' that was not held}}
  counter = 1; // expected-warning {{writing variable 'counter' requires holding mutex 'mu' exclusively}}
}

void wrong_mutex(void) {
  lock(&other);
  defer unlock(&other);
  counter++; // expected-warning {{writing variable 'counter' requires holding mutex 'mu' exclusively}}
}

void forgot_the_defer(int fail) {
  lock(&mu); // expected-note {{mutex acquired here}}
  if (fail)
    return;
  defer unlock(&mu);
  counter++;
} // expected-warning {{mutex 'mu' is not held on every path through here}}

void only_on_some_paths(int c) {
  if (c) {
    lock(&mu); // expected-note {{mutex acquired here}}
    defer unlock(&mu); // expected-warning {{releasing mutex 'mu' that was not held}}
  }
  // expected-warning@+1 {{mutex 'mu' is not held on every path through here}}
  counter++; // expected-warning {{writing variable 'counter' requires holding mutex 'mu' exclusively}}
}

// --- Functions without defers, before and after: Sema's analysis. ---

void no_defer_bug(void) {
  counter++; // expected-warning {{writing variable 'counter' requires holding mutex 'mu' exclusively}}
}

// A deferred block with defers of its own runs as a function of its own;
// -Wthread-safety still reads it where it runs, in the enclosing function.
void log_done(void);
void block_with_its_own_defer(void) {
  lock(&mu);
  defer {
    defer log_done();
    counter = 0;
    unlock(&mu);
  }
  counter++;
}

// Its own defers run when the block ends (they were read where they stand:
// a false warning here, the bug after it missed, and a double unlock
// reported at the defer that runs first).
void block_locks_then_defers_unlock(void) {
  defer {
    lock(&mu);
    defer unlock(&mu);
    counter++;
    if (counter > 1) {
      defer log_done();
    }
  }
}

void block_defers_a_write_past_its_unlock(void) {
  defer {
    lock(&mu);
    defer { counter++; } // expected-warning {{writing variable 'counter' requires holding mutex 'mu' exclusively}}
    unlock(&mu);
  }
}

void block_unlocks_twice(void) {
  defer {
    lock(&mu);
    defer unlock(&mu); // expected-warning {{releasing mutex 'mu' that was not held}}
    defer unlock(&mu); // expected-note {{mutex released here}}
  }
}

// A pragma that turns the analysis on, between declarations, makes Sema run
// it on the next function whatever holds at its `}`: no false warning.
void declared_before_the_pragma(void);
#pragma clang diagnostic warning "-Wthread-safety-analysis"
void after_a_pragma(void) {
  lock(&mu);
  defer unlock(&mu);
  counter++;
}
