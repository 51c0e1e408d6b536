//===- FunctionLowering.h - one function's defers, checked then lowered ---===//
#ifndef CDEFER_PASS_FUNCTIONLOWERING_H
#define CDEFER_PASS_FUNCTIONLOWERING_H

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
};

/// Lowers the functions of one translation unit, in the order they are
/// finished: the plugin's AST consumer and the clang-tidy module share it.
class FunctionLowering {
public:
  FunctionLowering(clang::Sema &S, LoweringOptions Opts) : S(S), Opts(Opts) {}

  /// Checks \p FD's defers and recover() calls and lowers them, or reports
  /// why it cannot and leaves the function as it was.
  void lower(clang::FunctionDecl &FD);

private:
  clang::Sema &S;
  LoweringOptions Opts;
  bool AbiChecked = false, AbiOk = false;
};

} // namespace cdefer

#endif
