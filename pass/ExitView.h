//===- ExitView.h - a function as flow-sensitive analyses should see it --===//
#ifndef CDEFER_PASS_EXITVIEW_H
#define CDEFER_PASS_EXITVIEW_H

#include "Defers.h"
#include <utility>
#include <vector>

namespace cdefer {

/// While it lives, \p F's function body reads as the goto-cleanup code a
/// careful C programmer would write for it: each `defer S;` is a no-op
/// where it stands, and S runs at the exits, last deferred first; each
/// `return` jumps into that cleanup chain exactly where the defers it has
/// certainly executed begin. A deferred statement that a `return` may or may
/// not have executed runs under an opaque condition. Call-form arguments
/// are evaluated at exit here: analyses that track names (which mutex is
/// held) see the call as written.
///
/// Only for analyses; never for code generation (Lower.cpp makes the code).
/// The destructor puts the body back exactly as it was.
class ExitView {
public:
  /// \p ExitOrder: the sites' indices in the order their code runs at exit.
  ExitView(clang::ASTContext &Ctx, FunctionDefers &F,
           const std::vector<unsigned> &ExitOrder);
  ~ExitView();
  ExitView(const ExitView &) = delete;
  ExitView &operator=(const ExitView &) = delete;

private:
  FunctionDefers &F;
  clang::Stmt *OriginalBody;
  std::vector<std::pair<clang::Stmt **, clang::Stmt *>> Undo;
};

} // namespace cdefer

#endif
