// The runtime in a shared object that a program loads and unloads: dlopen
// works (its thread-local state was initial-exec, which made the object's
// whole TLS block static: "cannot allocate memory in static TLS block"),
// loading it again and again does not use up the process's keys (each load
// took one: the 1,025th failed), and a thread that used it exits cleanly
// after it is unloaded (it called the object's unmapped destructor).
// Unloading gives back what the unloading thread and the pool kept: each
// load and unload used to keep them (200 cycles of 20,000 defers: 3 MB).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cdefer-cc -O2 -shared -fPIC %S/Inputs/unloaded.c -o %t/libunloaded.so
// RUN: %clang -O2 %s -o %t/loader -ldl -pthread
// RUN: %t/loader %t/libunloaded.so | FileCheck %s
// CHECK: 1100 loads: 1100 ok
// CHECK: 200 loads of 20000 defers: 200 ok, memory kept: none
// CHECK: thread exited after the unload
#include <dlfcn.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>

typedef long work_fn(int);

static void *load(const char *path, work_fn **work) {
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    printf("dlopen: %s\n", dlerror());
    return NULL;
  }
  *work = (work_fn *)dlsym(h, "unloaded_work");
  return h;
}

static int expected(int n) { return n * (n - 1) / 2; }

static pthread_barrier_t used, unloaded;
static work_fn *thread_work;
static void *uses_then_waits(void *arg) {
  long sum = thread_work(200);
  pthread_barrier_wait(&used);
  pthread_barrier_wait(&unloaded);
  return sum == -expected(200) ? arg : NULL;
}

int main(int argc, char **argv) {
  (void)argc;
  int ok = 0;
  for (int i = 0; i < 1100; i++) {
    work_fn *work;
    void *h = load(argv[1], &work);
    if (!h)
      return 1;
    ok += work(50) == -expected(50) && work(300) == -expected(300);
    dlclose(h);
  }
  printf("1100 loads: %d ok\n", ok);

  ok = 0;
  size_t before = 0;
  for (int i = 0; i < 220; i++) {
    if (i == 20) // after malloc's own first allocations
      before = mallinfo2().uordblks;
    work_fn *work;
    void *h = load(argv[1], &work);
    if (!h)
      return 1;
    ok += i >= 20 && work(20000) == -expected(20000);
    dlclose(h);
  }
  size_t kept = mallinfo2().uordblks - before;
  printf("200 loads of 20000 defers: %d ok, memory kept: %s (%zu bytes)\n",
         ok, kept < 64 * 1024 ? "none" : "some", kept);

  void *h = load(argv[1], &thread_work);
  if (!h)
    return 1;
  pthread_barrier_init(&used, NULL, 2);
  pthread_barrier_init(&unloaded, NULL, 2);
  pthread_t t;
  pthread_create(&t, NULL, uses_then_waits, &t);
  pthread_barrier_wait(&used);
  dlclose(h);
  pthread_barrier_wait(&unloaded);
  void *result;
  pthread_join(t, &result);
  printf("thread exited after the unload%s\n", result ? "" : ", wrong sum");
  return 0;
}
