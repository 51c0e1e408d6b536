//===- LeftAlone.cpp - functions neither migrator touches -----------------===//
#include "LeftAlone.h"
#include "Conditionals.h"
#include "LibraryFunctions.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Builtins.h"

using namespace clang;

namespace cdefer::migrate {

/// The first call in \p S of a function that returns twice.
static const FunctionDecl *returnsTwiceCallee(const ASTContext &Ctx,
                                              const Stmt *S) {
  if (!S)
    return nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && returnsTwice(Ctx, *Callee))
      return Callee;
  for (const Stmt *Child : S->children())
    if (const FunctionDecl *Found = returnsTwiceCallee(Ctx, Child))
      return Found;
  return nullptr;
}

std::string whyLeftAlone(const ASTContext &Ctx, const CompoundStmt &Body,
                         const Conditionals &Conds) {
  if (std::string Why = Conds.whyNotIn(Ctx.getSourceManager(),
                                       Body.getSourceRange());
      !Why.empty())
    return Why;
  if (const FunctionDecl *Callee = returnsTwiceCallee(Ctx, &Body))
    return "it calls '" + Callee->getNameAsString() +
           "', which returns twice: a longjmp back would leave through the "
           "code after it with defers registered since still to run";
  return "";
}

} // namespace cdefer::migrate
