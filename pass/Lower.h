//===- Lower.h - rewrite a function's defers into plain C -----------------===//
#ifndef CDEFER_PASS_LOWER_H
#define CDEFER_PASS_LOWER_H

#include "Defers.h"
#include "Recover.h"
#include "Strategy.h"
#include "clang/Basic/SourceLocation.h"
#include <memory>

namespace clang {
class Sema;
class SourceManager;
} // namespace clang

namespace cdefer {

/// Where a lowered function's exit sequence stands: at its closing brace.
/// Under -fcoverage-mapping the statements of an open-coded exit sequence
/// (the tests of which defers ran) are spelled in a buffer of their own,
/// marked as a system header and expanded at the brace as a system macro
/// is, so that clang's coverage map leaves them out: llvm-cov adds up the
/// counts of regions with the same range, and the brace counted the
/// function's exits once per step of the sequence. Debug info and
/// diagnostics still see the brace. Deferred code keeps its own locations.
/// A records exit keeps the brace: the regions of its loops, split where
/// they enter the user's deferred code, would become empty regions at the
/// brace's end that llvm-cov runs on into the next lines.
class ExitLocations {
public:
  explicit ExitLocations(bool HideFromCoverage) : Hide(HideFromCoverage) {}
  clang::SourceLocation at(clang::SourceManager &SM,
                           clang::SourceLocation Brace, bool OpenCoded);

private:
  bool Hide;
  clang::SourceLocation Spelling; // the buffer's start, once it is made
};

/// How \p F's defers will be lowered, once everything is known to be fine.
class LoweringPlan {
public:
  virtual ~LoweringPlan();
  /// Rewrites the function so that its defers run at exit, with the chosen
  /// strategy; deferred blocks that call recover() get their token in
  /// \p Tokens.SiteToken.
  virtual void apply(const RecoverTokens &Tokens) = 0;
};

/// Checks \p F's defers for everything that would make them impossible to
/// lower (captures, the runtime's declarations); returns null after
/// reporting an error, with nothing changed. Without \p Markers (no code
/// is generated, e.g. for the static analyzer) the lowered function has no
/// calls for the IR pass: nothing opaque hides its state from an analysis.
std::unique_ptr<LoweringPlan> planLowering(clang::Sema &S, FunctionDefers &F,
                                           const Strategy &Plan, bool Markers,
                                           ExitLocations &Exits);

} // namespace cdefer

#endif
