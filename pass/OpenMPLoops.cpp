//===- OpenMPLoops.cpp - what OpenMP directives keep outside their children ===//
#include "OpenMPLoops.h"

#include <vector>

using namespace clang;

namespace cdefer {

GeneratedLoops generatedLoops(const Stmt *S) {
  if (const auto *Nest = dyn_cast<OMPCanonicalLoopNestTransformationDirective>(S))
    return {Nest->getTransformedStmt(), Nest->getPreInits()};
  if (const auto *Seq =
          dyn_cast<OMPCanonicalLoopSequenceTransformationDirective>(S))
    return {Seq->getTransformedStmt(), Seq->getPreInits()};
  return {};
}

static void addLoopHeaders(const Stmt *S, std::vector<const Stmt *> &Out) {
  if (!S)
    return;
  if (const auto *Captured = dyn_cast<CapturedStmt>(S)) {
    addLoopHeaders(Captured->getCapturedStmt(), Out);
    return;
  }
  if (const auto *For = dyn_cast<ForStmt>(S)) {
    Out.insert(Out.end(), {For->getInit(), For->getCond(), For->getInc()});
    addLoopHeaders(For->getBody(), Out);
    return;
  }
  for (const Stmt *Child : S->children())
    addLoopHeaders(Child, Out);
}

void forEachHelperVariable(const OMPExecutableDirective &Directive,
                           llvm::function_ref<void(const VarDecl &)> Each) {
  std::vector<const Stmt *> Named;
  for (const OMPClause *C : Directive.clauses())
    for (const Stmt *Child : const_cast<OMPClause *>(C)->children())
      Named.push_back(Child);
  if (isa<OMPLoopBasedDirective>(Directive))
    for (const Stmt *Child : Directive.children())
      addLoopHeaders(Child, Named);
  while (!Named.empty()) {
    const Stmt *St = Named.back();
    Named.pop_back();
    if (!St)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(St))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        Each(*Var);
    for (const Stmt *Child : St->children())
      Named.push_back(Child);
  }
}

} // namespace cdefer
