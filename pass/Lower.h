//===- Lower.h - rewrite a function's defers into plain C -----------------===//
#ifndef CDEFER_PASS_LOWER_H
#define CDEFER_PASS_LOWER_H

#include "Defers.h"
#include "Recover.h"
#include "Strategy.h"
#include <memory>

namespace clang {
class Sema;
}

namespace cdefer {

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
                                           const Strategy &Plan, bool Markers);

} // namespace cdefer

#endif
