//===- ReturnValues.cpp - returned values a migration may evaluate early --===//
#include "ReturnValues.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace cdefer::migrate {

/// Why reading \p Ref could see what a cleanup did, or empty.
static std::string whyReferenceMayChange(const DeclRefExpr &Ref) {
  const ValueDecl *D = Ref.getDecl();
  if (isa<EnumConstantDecl, FunctionDecl>(D))
    return ""; // a constant, or a function's address
  const auto *V = dyn_cast<VarDecl>(D);
  if (!V || !V->hasLocalStorage())
    return "reads '" + D->getNameAsString() +
           "', which is not a local variable";
  if (V->getType().isVolatileQualified())
    return "reads the volatile '" + V->getNameAsString() + "'";
  return "";
}

std::string whyValueMayDependOnCleanup(const Expr *Value) {
  if (!Value)
    return "";
  const Expr *E = Value->IgnoreParens();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return whyReferenceMayChange(*Ref);
  if (isa<CallExpr>(E))
    return "calls a function";
  if (const auto *Op = dyn_cast<UnaryOperator>(E)) {
    if (Op->getOpcode() == UO_Deref)
      return "reads memory through a pointer";
    if (Op->isIncrementDecrementOp())
      return "changes a variable";
  }
  if (const auto *Op = dyn_cast<BinaryOperator>(E); Op && Op->isAssignmentOp())
    return "changes a variable";
  if (isa<ArraySubscriptExpr, StmtExpr>(E))
    return "reads memory through a pointer";
  if (const auto *Member = dyn_cast<MemberExpr>(E); Member && Member->isArrow())
    return "reads memory through a pointer";
  if (!isa<IntegerLiteral, FloatingLiteral, CharacterLiteral, StringLiteral,
           CastExpr, UnaryOperator, BinaryOperator, ConditionalOperator,
           MemberExpr, UnaryExprOrTypeTraitExpr, ImplicitValueInitExpr>(E))
    return "is an expression whose reads cannot be told apart";
  for (const Stmt *Child : E->children())
    if (std::string Why = whyValueMayDependOnCleanup(cast<Expr>(Child));
        !Why.empty())
      return Why;
  return "";
}

static void collectNamed(const Stmt *S, llvm::SmallPtrSet<const NamedDecl *, 4> &Out) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    Out.insert(Ref->getDecl());
  for (const Stmt *Child : S->children())
    collectNamed(Child, Out);
}

/// The first declaration in \p S, other than the ones in \p Used, that has
/// the name of one of them.
static const NamedDecl *
redeclaration(const Stmt *S, const llvm::SmallPtrSet<const NamedDecl *, 4> &Used) {
  if (!S)
    return nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *ND = dyn_cast<NamedDecl>(D); ND && !Used.count(ND))
        for (const NamedDecl *U : Used)
          if (ND->getDeclName() == U->getDeclName())
            return ND;
  for (const Stmt *Child : S->children())
    if (const NamedDecl *Found = redeclaration(Child, Used))
      return Found;
  return nullptr;
}

std::string whyNameIsShadowed(const Expr *Value, const Stmt *Body) {
  llvm::SmallPtrSet<const NamedDecl *, 4> Used;
  collectNamed(Value, Used);
  if (const NamedDecl *Again = redeclaration(Body, Used))
    return "'" + Again->getNameAsString() +
           "', which the returned value reads, is declared again inside the "
           "function, where a return would read that one";
  return "";
}

} // namespace cdefer::migrate
