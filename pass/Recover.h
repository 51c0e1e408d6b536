//===- Recover.h - give every recover() the token of its deferred code ----===//
#ifndef CDEFER_PASS_RECOVER_H
#define CDEFER_PASS_RECOVER_H

#include "Defers.h"
#include <memory>

namespace clang {
class Sema;
class VarDecl;
} // namespace clang

namespace cdefer {

struct RecoverTokens {
  /// Set by the marker before each deferred block at exit, read by the
  /// recover() calls inside deferred blocks; null if there are none.
  clang::VarDecl *SiteToken = nullptr;
};

/// How each recover() of a function becomes __cdefer_v1_recover_by_token(token)
/// (Recover.cpp).
class RecoverPlan {
public:
  virtual ~RecoverPlan();
  virtual const RecoverTokens &tokens() const = 0;
  /// Replaces the recover() calls wherever they stand by then (the lowering
  /// of the defers moves deferred code to the exit), and declares the
  /// tokens at the top of the function.
  virtual void apply() = 0;
};

/// Finds the recover() calls of \p F's function and checks the runtime's
/// declarations; returns null after reporting an error, with nothing
/// changed.
std::unique_ptr<RecoverPlan> planRecovers(clang::Sema &S,
                                          const FunctionDefers &F);

/// True if \p S calls recover() (cdefer_recover in <cdefer.h>).
bool callsRecover(const clang::Stmt *S);

} // namespace cdefer

#endif
