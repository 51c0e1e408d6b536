//===- FunctionLowering.h - one function's defers, checked then lowered ---===//
#ifndef CDEFER_PASS_FUNCTIONLOWERING_H
#define CDEFER_PASS_FUNCTIONLOWERING_H

#include "Defers.h"
#include "Lints.h"
#include "Lower.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseSet.h"
#include <functional>

namespace clang {
class FunctionDecl;
class Sema;
} // namespace clang

namespace cdefer {

struct LoweringOptions {
  bool Remarks = false;      // -fplugin-arg-cdefer-remarks
  bool ForceRuntime = false; // -fplugin-arg-cdefer-strategy=runtime
  /// False when no code is generated (--analyze, clang-tidy): the lowered
  /// functions then have no calls for the IR pass, opaque to analyses.
  bool Markers = true;
  /// -Wthread-safety on the lowered function, where Sema's run was turned
  /// off (ParseHooks.h).
  bool ThreadSafety = true;
  /// -fcoverage-mapping: the exit sequence's own statements are kept out
  /// of the coverage map (Lower.h).
  bool CoverageMapping = false;
  LintSettings Lints; // -Wcdefer-... (Lints.h)
};

/// Whether clang has reported an error of its own. After one, an AST may
/// hold what Sema gave up on, and nothing more is lowered (no code is
/// generated anyway). Warnings that -Werror made errors, and the plugin's
/// own errors (a lint under -Werror, a misplaced defer), leave the ASTs
/// whole: later functions are still checked, linted and warned about, as
/// clang goes on reporting every function's warnings.
class ClangErrors {
public:
  explicit ClangErrors(clang::DiagnosticsEngine &D) : SinceLastLook(D) {}

  /// Whether one was reported before now: every report since the last
  /// forgetOwn() was clang's.
  bool reported() {
    Reported |= SinceLastLook.hasUnrecoverableErrorOccurred();
    SinceLastLook.reset();
    return Reported;
  }

  /// What was reported since the last look was the plugin's own.
  void forgetOwn() { SinceLastLook.reset(); }

private:
  /// Counts the errors that are errors by default, which warnings made
  /// errors are not (DiagnosticIDs::isUnrecoverable).
  clang::DiagnosticErrorTrap SinceLastLook;
  bool Reported = false;
};

/// Lowers the functions of one translation unit, in the order they are
/// finished: the plugin's AST consumer and the clang-tidy module share it.
class FunctionLowering {
public:
  /// \p Emit hands a function the lowering made (a deferred block's,
  /// OutlineDeferred.h), lowered already, to whatever generates code.
  FunctionLowering(clang::Sema &S, LoweringOptions Opts,
                   std::function<void(clang::FunctionDecl &)> Emit = nullptr);

  /// Checks \p FD's defers and recover() calls and lowers them, or reports
  /// why it cannot and leaves the function as it was. Once per function.
  void lower(clang::FunctionDecl &FD);

private:
  clang::Sema &S;
  LoweringOptions Opts;
  std::function<void(clang::FunctionDecl &)> Emit;
  bool AbiChecked = false, AbiOk = false;
  ExitLocations Exits;
  ClangErrors Errors;
  llvm::DenseSet<const clang::FunctionDecl *> Lowered;
  /// The functions deferred blocks with defers of their own became.
  llvm::DenseSet<const clang::FunctionDecl *> MadeByOutlining;

  void lowerOnThisStack(clang::FunctionDecl &FD);
  void lowerChecked(FunctionDefers &F);
};

} // namespace cdefer

#endif
