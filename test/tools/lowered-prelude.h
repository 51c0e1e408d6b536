/* Declarations that a lowered translation unit printed by -ast-print uses
 * but does not print: the plugin's markers (implicit declarations; their
 * symbols are those of pass/UnwindPass.cpp's markerSymbol, which the IR
 * pass replaces) and clang's spelling of size_t in its own declarations. */
typedef __SIZE_TYPE__ __size_t;
#define CDEFER__MARKER(name)                                                   \
  __asm__(#name ": cdefer's IR pass did not run on this code; compile it "     \
                "with -fpass-plugin=<prefix>/lib/cdefer/cdefer.so as well as " \
                "-fplugin (cdefer-cc does)")
void __cdefer_exit_mark(void *, int) CDEFER__MARKER(__cdefer_exit_mark);
void __cdefer_exit_end(void) CDEFER__MARKER(__cdefer_exit_end);
void __cdefer_site_call(void *, int) CDEFER__MARKER(__cdefer_site_call);
__size_t __cdefer_site_block(int) CDEFER__MARKER(__cdefer_site_block);
void *__cdefer_alloca(__size_t, __size_t) CDEFER__MARKER(__cdefer_alloca);
