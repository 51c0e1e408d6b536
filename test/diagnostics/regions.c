// Code that runs as a function of its own, which the plugin never lowers:
// a block literal (nested, or at file scope) and an OpenMP region. A defer
// there ran in place, without an error; now each is one, where Sema parses
// the defer.
// RUN: %cdefer -fblocks -fopenmp -fsyntax-only -Xclang -verify %s
// RUN: %cdefer -fopenmp -fsyntax-only -Xclang -verify %s -DKEPT
#include <cdefer.h>

void use(int);

#ifndef KEPT
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

#else
// A variable that deferred code keeps lives on in the defer's storage; an
// OpenMP directive's clauses and loop bounds used its first place: the
// reduction was lost, and the loop ran to the old bound.
int kept_in_clauses(void) {
  int total = 0;
  {
    int s = 0;
    int n = 2;
    defer { use(s + n); }
    n = 7;
    // expected-error@+1 {{this OpenMP directive uses 's', which deferred code names, so that it lives on in the defer's storage; the directive would use its first place instead: copy it into a variable of its own for the directive}}
#pragma omp simd reduction(+:s)
    for (int i = 0; i < 10; i++)
      s += i;
    // expected-error@+1 {{this OpenMP directive uses 'n'}}
#pragma omp simd
    for (int i = 0; i < n; i++)
      total++;
#pragma omp critical
    s++; // runs in place: the kept variable, as anywhere else
  }
  return total;
}
#endif
