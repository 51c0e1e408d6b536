//===- FunctionLowering.h - one function's defers, checked then lowered ---===//
#ifndef CDEFER_PASS_FUNCTIONLOWERING_H
#define CDEFER_PASS_FUNCTIONLOWERING_H

#include "Defers.h"
#include "Lints.h"
#include "Lower.h"
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

/// Lowers the functions of one translation unit, in the order they are
/// finished: the plugin's AST consumer and the clang-tidy module share it.
class FunctionLowering {
public:
  /// \p Emit hands a function the lowering made (a deferred block's,
  /// OutlineDeferred.h), lowered already, to whatever generates code.
  FunctionLowering(clang::Sema &S, LoweringOptions Opts,
                   std::function<void(clang::FunctionDecl &)> Emit = nullptr)
      : S(S), Opts(Opts), Emit(std::move(Emit)),
        Exits(Opts.CoverageMapping) {}

  /// Checks \p FD's defers and recover() calls and lowers them, or reports
  /// why it cannot and leaves the function as it was. Once per function.
  void lower(clang::FunctionDecl &FD);

private:
  clang::Sema &S;
  LoweringOptions Opts;
  std::function<void(clang::FunctionDecl &)> Emit;
  bool AbiChecked = false, AbiOk = false;
  ExitLocations Exits;
  llvm::DenseSet<const clang::FunctionDecl *> Lowered;
  /// The functions deferred blocks with defers of their own became.
  llvm::DenseSet<const clang::FunctionDecl *> MadeByOutlining;

  void lowerOnThisStack(clang::FunctionDecl &FD);
  void lowerChecked(FunctionDefers &F);
};

} // namespace cdefer

#endif
