// What the runtime's own destructor (which gives its chunks back when
// dlclose unloads it) leaves alone, since it also runs at every exit():
// - a recovered panicf message, which stays valid until the thread's next
//   recovery: a later destructor read it freed (ASan: heap-use-after-free);
// - the signal stack of cdefer_trace_signals(), which exit() from a signal
//   handler runs on: it was freed under it ("malloc(): corrupted top size");
// and the thread-exit key, made on first use too: with
// CDEFER_TRACE_SIGNALS=1 (a constructor that ran first in a static link)
// the runtime wrote key 0, another component's.
// RUN: %cdefer -O1 -g -fsanitize=address %s %runtime -o %t.asan
// RUN: %t.asan message | FileCheck %s --check-prefix=MESSAGE
// RUN: %cdefer -O0 -g %s %runtime -fuse-ld=bfd -o %t
// RUN: %t signal-stack | FileCheck %s --check-prefix=STACK
// RUN: env CDEFER_TRACE_SIGNALS=1 %t key | FileCheck %s --check-prefix=KEY
#include <cdefer.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *message;
static int signal_stack;

static void recovers(void) {
  defer { message = recover(); }
  panicf("boom %d", 42);
}

__attribute__((destructor)) static void late(void) {
  if (message)
    printf("late destructor: %s\n", message);
  if (signal_stack) {
    char *p = malloc(60 * 1024); // where the freed signal stack was
    if (p)
      memset(p, 0xff, 60 * 1024);
    puts("late destructor: done");
  }
}

static void on_term(int sig) {
  (void)sig;
  exit(0); // on the signal stack
}

static pthread_key_t mine;
__attribute__((constructor(101))) static void first(void) {
  pthread_key_create(&mine, NULL);
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  if (strcmp(what, "message") == 0) {
    recovers();
    printf("main: %s\n", message);
  } else if (strcmp(what, "signal-stack") == 0) {
    signal_stack = 1;
    cdefer_trace_signals();
    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGTERM, &sa, NULL);
    raise(SIGTERM);
  } else if (strcmp(what, "key") == 0) {
    printf("another component's key holds %s\n",
           pthread_getspecific(mine) ? "the runtime's value" : "nothing");
  }
  return 0;
}
// MESSAGE:      main: boom 42
// MESSAGE-NEXT: late destructor: boom 42
// STACK: late destructor: done
// KEY: another component's key holds nothing
