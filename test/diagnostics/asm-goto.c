// `asm goto` is a jump like `goto`: it cannot leave a deferred statement
// nor enter one. Both compiled without an error (its labels are not among
// the statement's children); one looped forever, the other skipped the
// function's body.
// RUN: %cdefer -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void use(int);

int leaves(int x) {
  defer { // expected-note {{deferred statement is here}}
    use(1);
    asm goto("jmp %l0" :::: out); // expected-error {{'asm goto' cannot leave a deferred statement; deferred code must run to its end}}
  }
  return x;
out:
  return 7;
}

int enters(int x) {
  if (x)
    asm goto("jmp %l0" :::: inside); // expected-error {{'asm goto' jumps into a deferred statement}}
  defer { // expected-note {{deferred statement is here}}
  inside:
    use(2);
  }
  return x;
}

int stays_inside(int x) {
  defer {
    asm goto("jmp %l0" :::: done);
    use(3);
  done:
    use(4);
  }
  return x;
}
