// The plugin's own warnings, for traps that Go's defer does not have in
// C, each on by default under its own -Wcdefer-<name> (cdefer-cc passes
// those to the plugin), with a fix-it where the fix is mechanical. The
// idioms next to each trap must not warn.
// RUN: %cdefer-cc -fsyntax-only -Xclang -verify %s
// free is known by its name where -fno-builtin hides the builtin:
// RUN: %cdefer-cc -fsyntax-only -fno-builtin -Xclang -verify %s
// RUN: %cdefer-cc -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s --check-prefix=FIXIT
// RUN: %cdefer-cc -fsyntax-only -Wno-cdefer -Werror %s
// RUN: %cdefer-cc -fsyntax-only -Werror -Wno-cdefer-reassigned-argument -Wno-cdefer-unchecked-resource -Wno-cdefer-deferred-recover -Wno-cdefer-endless-loop %s
// RUN: not %cdefer-cc -fsyntax-only -Werror=cdefer-endless-loop -Wno-cdefer-reassigned-argument -Wno-cdefer-unchecked-resource -Wno-cdefer-deferred-recover %s 2>&1 | FileCheck %s --check-prefix=WERROR
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-Wno-cdefer -Werror %s
// RUN: not %cdefer -fsyntax-only -fplugin-arg-cdefer-Wno-cdefer-bogus %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// WERROR: error: this defer is in a loop that never ends{{.*}}[-Werror=cdefer-endless-loop]
// WERROR-NOT: warning:
// UNKNOWN: error: unknown cdefer warning option '-Wno-cdefer-bogus'; the warnings are -Wcdefer-<name> with <name> one of: reassigned-argument, unchecked-resource, deferred-recover, endless-loop
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

// --- reassigned-argument ---

int grow(size_t n) {
  char *p = malloc(16);
  defer free(p); // expected-warning {{the deferred call gets 'p' as it is now, not as it is at exit: 'p' changes later; to pass its final value, defer a block: 'defer { ... }' [-Wcdefer-reassigned-argument]}}
  p = realloc(p, n); // expected-note {{'p' changes here}}
  return p != NULL;
}
// FIXIT: fix-it:"{{.*}}lints.c":{[[#@LINE-4]]:9-[[#@LINE-4]]:9}:"{ "
// FIXIT: fix-it:"{{.*}}lints.c":{[[#@LINE-5]]:17-[[#@LINE-5]]:17}:" }"

int grow_fixed(size_t n) {
  char *p = malloc(16);
  defer { free(p); } // reads p at exit
  p = realloc(p, n);
  return p != NULL;
}

// A defer that a macro writes gets the warning but no fix-it: braces around
// the macro's use would change nothing.
#define FREE_LATER(p) defer free(p)
int grow_by_macro(size_t n) {
  char *p = malloc(16);
  FREE_LATER(p); // expected-warning {{the deferred call gets 'p' as it is now}}
  p = realloc(p, n); // expected-note {{'p' changes here}}
  return p != NULL;
}
// FIXIT-NOT: fix-it:"{{.*}}lints.c":{[[#@LINE-4]]:

// Go's idiom: the variable is reused for the next resource, deferred again.
int reuse(const char *a, const char *b) {
  FILE *f = fopen(a, "r");
  if (!f)
    return -1;
  defer fclose(f);
  f = fopen(b, "r");
  if (!f)
    return -1;
  defer fclose(f);
  return 0;
}

// Writes that cannot run after the defer: in the other branch, past the
// defer's own return, in a later case. They warned by source order alone.
size_t fill(char *dst, size_t n);
size_t stack_or_heap(size_t n) {
  char stackbuf[256];
  char *p;
  if (n > sizeof stackbuf) {
    p = malloc(n);
    if (!p)
      return 0;
    defer free(p);
  } else {
    p = stackbuf;
  }
  return fill(p, n);
}

int returns_first(int c) {
  char *p = malloc(4);
  if (c) {
    defer free(p);
    return 1;
  }
  p = realloc(p, 8);
  free(p);
  return 0;
}

int by_case(int c) {
  char *p = malloc(4);
  switch (c) {
  case 0:
    defer free(p);
    return 0;
  case 1:
    p = realloc(p, 8);
    break;
  }
  free(p);
  return 1;
}

// A write through the variable's address counts (getline frees NULL at
// exit and leaks its buffer).
long count_lines(FILE *f) {
  char *line = NULL;
  size_t cap = 0;
  long n = 0;
  defer free(line); // expected-warning {{the deferred call gets 'line' as it is now}}
  while (getline(&line, &cap, f) > 0) // expected-note {{'line' may change here: its address is passed}}
    n++;
  return n;
}

// The reuse idiom once per pass of a loop: the variable is written again
// before each defer, and later writes concern no pending call (a block, as
// the fix-it made it, would close only the last file, once per pass).
int close_each(const char **names, int n) {
  FILE *f = NULL;
  for (int i = 0; i < n; i++) {
    f = fopen(names[i], "r");
    if (!f)
      return -1;
    defer fclose(f);
  }
  f = NULL;
  return f == NULL;
}

// Only a later defer of the same function is the reuse idiom: another
// that names the variable hid the double free.
void trace_pointer(const char *what, void *p);
int grow_traced(size_t n) {
  char *p = malloc(16);
  defer free(p); // expected-warning {{the deferred call gets 'p' as it is now}}
  p = realloc(p, n); // expected-note {{'p' changes here}}
  defer trace_pointer("grown", p);
  return 0;
}

// An int printed as it was is the point of evaluating arguments early.
void log_start(int n) {
  defer printf("started with %d\n", n);
  n = 0;
}

// --- unchecked-resource ---

int unchecked(const char *path) {
  FILE *f = fopen(path, "r");
  defer fclose(f); // expected-warning {{'fclose' will run with 'f' even when it is null: 'f' is checked only after this defer; defer after the check [-Wcdefer-unchecked-resource]}}
  if (!f) // expected-note {{checked here}}
    return -1;
  return 0;
}

int checked(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL)
    return -1;
  defer fclose(f);
  return 0;
}

// Checked before the defer: a later test only repeats it (an assert, which
// warned in debug builds only).
int checked_then_asserted(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  defer fclose(f);
  if (f == NULL)
    abort();
  return fgetc(f);
}

// The check before may hold the assignment.
int checked_in_assignment(const char *a, const char *b) {
  FILE *f, *g;
  if ((f = fopen(a, "r")) == NULL)
    return -1;
  defer fclose(f);
  if (!(g = fopen(b, "r")))
    return -1;
  defer fclose(g);
  if (f == NULL || g == NULL)
    abort();
  return fgetc(f) + fgetc(g);
}

// Checked before, but the variable changed since: the check is not of
// what the defer closes.
int checked_other(const char *a, const char *b) {
  FILE *f = fopen(a, "r");
  if (!f)
    return -1;
  fclose(f);
  f = fopen(b, "r");
  defer fclose(f); // expected-warning {{'fclose' will run with 'f' even when it is null}}
  if (!f) // expected-note {{checked here}}
    return -1;
  return 0;
}

// free(NULL) does nothing: checking after the defer is fine.
int free_is_null_safe(void) {
  char *p = malloc(3);
  defer free(p);
  if (!p)
    return -1;
  return 0;
}

// --- deferred-recover ---

void does_nothing(void) {
  defer recover(); // expected-warning {{'defer recover();' stops only a panic that runs this function as deferred code, not one raised in it; to stop that, write 'defer { recover(); }' [-Wcdefer-deferred-recover]}}
}
// FIXIT: fix-it:"{{.*}}lints.c":{[[#@LINE-2]]:9-[[#@LINE-2]]:9}:"{ "
// FIXIT: fix-it:"{{.*}}lints.c":{[[#@LINE-3]]:19-[[#@LINE-3]]:19}:" }"

void does_recover(void) {
  defer { recover(); }
}

// --- endless-loop ---

void serve(void) {
  for (;;) { // expected-note {{the loop}}
    char *request = malloc(64);
    defer free(request); // expected-warning {{this defer is in a loop that never ends: each iteration adds deferred code that runs only when the function returns, so it piles up without end; move the loop's body into a function of its own, or use a block-scoped '_Defer' [-Wcdefer-endless-loop]}}
  }
}

int serve_until(int n) {
  while (1) {
    char *request = malloc(64);
    defer free(request);
    if (n-- == 0)
      break;
    if (n == 100)
      return -1;
  }
  return 0;
}

// A goto out of the loop is a way out; one to a label inside it is not.
void goto_out(int n) {
  for (;;) {
    char *p = malloc(8);
    defer free(p);
    if (n-- == 0)
      goto done;
  }
done:;
}

void goto_within(int n) {
  for (;;) { // expected-note {{the loop}}
  again:;
    char *p = malloc(8);
    defer free(p); // expected-warning {{loop that never ends}}
    if (n-- == 0)
      goto again;
  }
}

void inner_break_is_not_an_exit(int n) {
  do { // expected-note {{the loop}}
    char *p = malloc(8);
    defer free(p); // expected-warning {{loop that never ends}}
    for (int i = 0; i < n; i++)
      if (i == 3)
        break;
    switch (n) {
    case 1:
      break;
    }
  } while (1);
}

void exits_by_exit(int n) {
  for (;;) {
    char *p = malloc(8);
    defer free(p);
    if (n)
      exit(0);
  }
}
