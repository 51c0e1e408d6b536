// A header precompiled with and without the plugin (modes/precompiled.c):
// a function with a body, and one with defers.
#pragma once
#include <cdefer.h>
#include <stdio.h>

int helper(int x) { return x + 1; }

static inline int with_defers(int x) {
  defer printf("header: deferred %d\n", x);
  printf("header: body\n");
  return x;
}
