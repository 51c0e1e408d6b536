// `#pragma clang diagnostic` (and GCC's spelling, push and pop) works for
// the plugin's warnings as for clang's own: clang's handler knows only its
// own groups, and used to warn "unknown warning group '-Wcdefer-...'" and
// change nothing. A group that is really unknown still gets that warning.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -fsyntax-only -Xclang -verify=off %s -fplugin-arg-cdefer-Wno-cdefer-unchecked-resource -DOFF
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef OFF
void warned(void) {
  char *p = malloc(4);
  defer free(p); // expected-warning {{the deferred call gets 'p' as it is now}}
  p = realloc(p, 8); // expected-note {{'p' changes here}}
}

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wcdefer-reassigned-argument"
void silenced(void) {
  char *p = malloc(4);
  defer free(p);
  p = realloc(p, 8);
}
#pragma clang diagnostic pop

void warned_again(void) {
  char *p = malloc(4);
  defer free(p); // expected-warning {{the deferred call gets 'p' as it is now}}
  p = realloc(p, 8); // expected-note {{'p' changes here}}
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcdefer"
void all_silenced(void) {
  FILE *f = fopen("x", "r");
  defer fclose(f);
  if (!f)
    return;
  defer recover();
}
#pragma GCC diagnostic pop

#pragma clang diagnostic push
#pragma clang diagnostic error "-Wcdefer-deferred-recover"
void made_an_error(void) {
  defer recover(); // expected-error {{'defer recover();' stops only a panic}}
}
#pragma clang diagnostic pop

// _Pragma works as #pragma does, also from a macro and inside a function.
_Pragma("clang diagnostic push")
_Pragma("clang diagnostic ignored \"-Wcdefer\"")
void silenced_by_operator(void) {
  defer recover();
}
_Pragma("clang diagnostic pop")

#define QUIET_RECOVER _Pragma("GCC diagnostic ignored \"-Wcdefer-deferred-recover\"")
void silenced_inside(void) {
  _Pragma("clang diagnostic push")
  QUIET_RECOVER
  defer recover();
  _Pragma("clang diagnostic pop")
  defer recover(); // expected-warning {{'defer recover();' stops only a panic}}
}

// The common idiom: the pragma's text made a string by the macro.
#define DO_PRAGMA(x) _Pragma(#x)
void silenced_by_stringized(void) {
  DO_PRAGMA(clang diagnostic push)
  DO_PRAGMA(clang diagnostic ignored "-Wcdefer-deferred-recover")
  defer recover();
  DO_PRAGMA(clang diagnostic pop)
  _Pragma
  ("clang diagnostic push")
  _Pragma(L"clang diagnostic ignored \"-Wcdefer-deferred-recover\"")
  defer recover();
  _Pragma("clang diagnostic pop")
}

#pragma clang diagnostic ignored "-Wcdefer-no-such-lint" // expected-warning {{unknown warning group '-Wcdefer-no-such-lint', ignored}}
#pragma clang diagnostic ignored "-Wno-such-group" // expected-warning {{unknown warning group '-Wno-such-group', ignored}}
#else
// Turned off on the command line, on again for one function.
void off(void) {
  FILE *f = fopen("x", "r");
  defer fclose(f);
  if (!f)
    return;
}
#pragma clang diagnostic push
#pragma clang diagnostic warning "-Wcdefer-unchecked-resource"
void on_again(void) {
  FILE *f = fopen("x", "r");
  defer fclose(f); // off-warning {{'fclose' will run with 'f' even when it is null}}
  if (!f) // off-note {{checked here}}
    return;
}
#pragma clang diagnostic pop
#endif
