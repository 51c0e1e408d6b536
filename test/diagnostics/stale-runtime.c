// Runtime helpers declared without prototypes, or with other parameters
// (a stale or hand-edited cdefer.h), are an error naming the function, not
// an assertion in the plugin.
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=runtime -Xclang -verify %s
enum { __cdefer_abi_version = 1 };
struct __cdefer_frame { void *top, *base, *limit, *stack; };
void __cdefer_frame_start();
void *__cdefer_deferproc();
void *__cdefer_deferproc_site();
_Bool __cdefer_deferpending();
_Bool __cdefer_deferreturn();
unsigned __cdefer_deferred_site();
void *__cdefer_deferpop();

void use(int);

void f(void) {
  __attribute__((cdefer)) use(1); // expected-error {{the declaration of cdefer runtime function '__cdefer_deferproc' does not match this cdefer plugin; include the <cdefer.h> installed with it, unchanged}}
}
