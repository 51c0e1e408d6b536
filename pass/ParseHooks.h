//===- ParseHooks.h - what the plugin does while clang parses -------------===//
#ifndef CDEFER_PASS_PARSEHOOKS_H
#define CDEFER_PASS_PARSEHOOKS_H

#include <memory>

namespace clang {
class Preprocessor;
class Sema;
} // namespace clang

namespace cdefer {

class LintPragmas;

/// Makes an undeclared `defer` (or panic, recover...) say that <cdefer.h>
/// is missing.
void addMissingHeaderHint(clang::Sema &S);

/// Keeps Sema's flow-sensitive warnings from reading deferred code where it
/// is written (ParseHooks.cpp): -Wuninitialized is off inside deferred
/// blocks, and Sema's -Wthread-safety and -Wunreachable-code runs are off
/// for functions with defers (ThreadSafetyWarnings.h and
/// UnreachableCodeWarnings.h run them on the function instead). Reads
/// `#pragma clang diagnostic` for the lints into \p Pragmas, if given.
void watchDeferredCode(clang::Preprocessor &PP,
                       std::shared_ptr<LintPragmas> Pragmas = nullptr);

/// The Sema that last parsed a `defer` or `defer_result` in this process,
/// or null. For hosts that give the plugin no AST consumer of its own, and
/// so no Sema (clang-tidy: TidyModule.cpp); valid while that file is parsed
/// and its AST consumers run.
clang::Sema *semaOfLastDefer();
void rememberSemaOfDefer(clang::Sema &S);

/// How many `defer`/`defer_result` attributes and `recover` names have been
/// parsed so far in this process: a function parsed while it did not
/// change has nothing to lower, and need not be walked.
unsigned deferMarksSoFar();
void forgetSemaOfDefer();

} // namespace cdefer

#endif
