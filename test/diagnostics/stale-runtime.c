// Runtime helpers declared without prototypes, or with other parameters
// (a stale or hand-edited cdefer.h), are an error naming the function, not
// an assertion in the plugin.
// RUN: %cdefer -fsyntax-only -fplugin-arg-cdefer-strategy=runtime -Xclang -verify %s
struct cdefer_frame { void *top, *base, *limit, *stack; };
void cdefer_frame_start();
void *cdefer_deferproc();
void *cdefer_deferproc_site();
_Bool cdefer_deferpending();
_Bool cdefer_deferreturn();
unsigned cdefer_deferred_site();
void *cdefer_deferpop();

void use(int);

void f(void) {
  __attribute__((cdefer)) use(1); // expected-error {{the declaration of cdefer runtime function 'cdefer_deferproc' does not match this cdefer plugin; include the <cdefer.h> installed with it, unchanged}}
}
