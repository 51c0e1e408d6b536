// Code that runs as a function of its own, which the plugin never lowers:
// a block literal (nested, or at file scope) and an OpenMP region. A defer
// there ran in place, without an error; now each is one, where Sema parses
// the defer.
// RUN: %cdefer -fblocks -fopenmp -fsyntax-only -Xclang -verify %s
#include <cdefer.h>

void use(int);

void (^at_file_scope)(void) = ^{
  defer use(1); // expected-error {{'defer' inside a block literal is not supported; use a function}}
  use(2);
};

void nested_blocks(void) {
  ^{
    ^{
      defer use(3); // expected-error {{'defer' inside a block literal is not supported; use a function}}
      use(4);
    }();
  }();
}

void openmp_regions(int n) {
  defer use(5);
#pragma omp parallel num_threads(1)
  {
    defer use(6); // expected-error {{'defer' inside an OpenMP region or a captured statement is not supported: the region runs as a function of its own; move the 'defer' out of it, or the region's code into a function}}
    use(7);
  }
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    defer use(i); // expected-error {{'defer' inside an OpenMP region}}
#pragma omp single
  defer use(8); // expected-error {{'defer' inside an OpenMP region}}
}
