// -Wpadded (part of -Weverything) is about the user's structs: the records
// the plugin lays out for captured values never warn, however their
// fields fall (e62146e: "padding struct 'struct __cdefer_s0_record' with 7
// bytes to align 'arg1'", a hidden name at the function's brace). The
// user's own padded struct still does.
// RUN: %cdefer -c -o /dev/null -g -Wpadded -Xclang -verify %s
// RUN: %cdefer -c -o /dev/null -g -Wpadded -Xclang -verify %s -fplugin-arg-cdefer-strategy=runtime
#include <cdefer.h>

void use(char c, long n);
void use_long(long n, char c);

struct user { // expected-warning {{padding size of 'struct user' with 7 bytes to alignment boundary}}
  char c;
  long n; // expected-warning {{padding struct 'struct user' with 7 bytes to align 'n'}}
  char d;
};

void loop_captures(int n) {
  for (int i = 0; i < n; i++) {
    char c = (char)i;
    long k = i;
    defer use(c, k);        // padding between the fields
    defer use_long(k, c);   // padding after the last
    defer { use(c, k); }    // kept instances of inner variables
  }
}

long user_size(void) { return (long)sizeof(struct user); }
