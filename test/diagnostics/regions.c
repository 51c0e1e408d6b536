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

// Loop transformations are compiled as the loops they make, which still
// had the defer where it was the loop's whole body: it ran in place.
void loop_transformations(int n) {
#pragma omp tile sizes(2)
  for (int i = 0; i < n; i++)
    defer use(i); // expected-error {{'defer' in a loop that '#pragma omp tile' transforms is not supported: clang compiles a copy of the loop that the directive makes; move the loop's body into a function, or the 'defer' out of the loop}}
#pragma omp reverse
  for (int i = 0; i < n; i++) {
    defer use(i); // expected-error {{'defer' in a loop that '#pragma omp reverse' transforms}}
  }
#pragma omp interchange
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      defer use(i + j); // expected-error {{'defer' in a loop that '#pragma omp interchange' transforms}}
  // Full unrolling makes no loop, and a partial one that no other
  // directive takes is compiled as the loop itself, with metadata.
#pragma omp unroll
  for (int i = 0; i < 2; i++)
    defer use(i);
#pragma omp unroll partial(2)
  for (int i = 0; i < n; i++)
    defer use(i);
}
