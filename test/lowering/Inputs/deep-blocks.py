"""Prints a program whose main nests N deferred blocks, each one adding to
x and deferring the next: nested-blocks.c compiles and runs it."""
import sys

n = int(sys.argv[1])
print("#include <cdefer.h>")
print("#include <stdio.h>")
print("int main(void) {")
print("  int x = 0;")
print('  defer { printf("%d\\n", x); }')
print("  defer { x++;" * n + " }" * n)
print("  return 0;")
print("}")
