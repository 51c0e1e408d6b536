// The functions of lto-frames.c's other translation unit: compiled with the
// plugin, but with no defer of their own.
#include <cdefer.h>

int checked(int x) {
  if (x < 0)
    panic("negative");
  return x * 10;
}

int sum_of(int (*f)(int), int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += f(i);
  return s;
}
