// Calls the functions of open-coded-cost.c many times, with the functions
// they call defined here, out of the optimizer's sight.
int only_defer(int, int, int);
int one_defer(int, int, int);
int critical_section(int *, int);
int three_defers(int);
int conditional(int, int);

volatile int sink;
__attribute__((noinline)) void check(int a, int b, int c) { sink += a + b + c; }
__attribute__((noinline)) int work(int a) { return a + sink; }
__attribute__((noinline)) void lock(int *m) { *m = 1; }
__attribute__((noinline)) void unlock(int *m) { *m = 0; }

int main(void) {
  int m = 0;
  for (int i = 0; i < 1000; i++) {
    only_defer(i, 2, 3);
    one_defer(i, 2, 3);
    critical_section(&m, i - 500);
    three_defers(i);
    conditional(i, i & 7);
  }
  return 0;
}
