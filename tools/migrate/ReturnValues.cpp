//===- ReturnValues.cpp - returned values a migration may evaluate early --===//
#include "ReturnValues.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace cdefer::migrate {

/// Why reading \p Ref could see what a cleanup did, or empty.
static std::string whyReferenceMayChange(const DeclRefExpr &Ref) {
  const ValueDecl *D = Ref.getDecl();
  if (isa<EnumConstantDecl, FunctionDecl>(D))
    return ""; // a constant, or a function's address
  const auto *V = dyn_cast<VarDecl>(D);
  if (V && V->isStaticLocal()) // any call may change it, as a global
    return "reads the static '" + V->getNameAsString() + "'";
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

/// An array used as a pointer: `a` in `a[i]`, `f(a)`, `p = a`.
static const ImplicitCastExpr *asArrayDecay(const Expr *E) {
  const auto *Cast = dyn_cast<ImplicitCastExpr>(E->IgnoreParens());
  return Cast && Cast->getCastKind() == CK_ArrayToPointerDecay ? Cast
                                                               : nullptr;
}

const VarDecl *storageOf(const Expr *E) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *Member = dyn_cast<MemberExpr>(E);
        Member && !Member->isArrow())
      E = Member->getBase();
    else if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E);
             Sub && asArrayDecay(Sub->getBase()))
      E = asArrayDecay(Sub->getBase())->getSubExpr();
    else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
             Cast && Cast->getCastKind() == CK_NoOp)
      E = Cast->getSubExpr();
    else
      break;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// A C library function that keeps none of the pointers it is given, so
/// that `memset(&s, 0, sizeof s)` lets no address escape.
static bool keepsNoPointer(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  switch (Callee ? Callee->getBuiltinID() : 0) {
  case Builtin::BImemset:
  case Builtin::BImemcpy:
  case Builtin::BImemmove:
  case Builtin::BImemcmp:
  case Builtin::BIstrlen:
  case Builtin::BIstrcmp:
  case Builtin::BIstrncmp:
  case Builtin::BIstrcpy:
  case Builtin::BIstrncpy:
  case Builtin::BIstrcat:
  case Builtin::BIstrncat:
  case Builtin::BIprintf:
  case Builtin::BIfprintf:
  case Builtin::BIsprintf:
  case Builtin::BIsnprintf:
  case Builtin::BIscanf:
  case Builtin::BIfscanf:
  case Builtin::BIsscanf:
    return true;
  default:
    return false;
  }
}

/// The expression whose address \p E takes (`&x`, or an array used as a
/// pointer), or null.
static const Expr *addressedBy(const Stmt *S) {
  if (const auto *Op = dyn_cast<UnaryOperator>(S);
      Op && Op->getOpcode() == UO_AddrOf)
    return Op->getSubExpr();
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S);
      Cast && Cast->getCastKind() == CK_ArrayToPointerDecay)
    return Cast->getSubExpr();
  return nullptr;
}

static void collectEscapes(const Stmt *S, Escapes &Out) {
  if (!S)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S); Call && keepsNoPointer(*Call)) {
    // An address handed straight to it goes nowhere; what computes the
    // address may still take others (`&a[*(p = &i)]`).
    for (const Expr *Arg : Call->arguments()) {
      const Expr *Plain = Arg->IgnoreParenNoopCasts(Call->getDirectCallee()
                                                        ->getASTContext());
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Plain);
          Cast && Cast->getCastKind() == CK_BitCast)
        Plain = Cast->getSubExpr()->IgnoreParens();
      const Expr *Addressed = addressedBy(Plain);
      collectEscapes(Addressed ? Addressed : Arg, Out);
    }
    return;
  }
  const Expr *Addressed = addressedBy(S);
  if (const VarDecl *V = Addressed ? storageOf(Addressed) : nullptr;
      V && V->hasLocalStorage())
    Out.try_emplace(V, S->getBeginLoc()); // the walk is in source order
  for (const Stmt *Child : S->children())
    collectEscapes(Child, Out);
}

Escapes findEscapes(const Stmt *Body) {
  Escapes Out;
  collectEscapes(Body, Out);
  return Out;
}

/// The first variable of \p Escaped that \p S reads, in source order.
static const VarDecl *firstEscaped(const Stmt *S, const Escapes &Escaped) {
  if (!S)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
        V && Escaped.count(V))
      return V;
  for (const Stmt *Child : S->children())
    if (const VarDecl *V = firstEscaped(Child, Escaped))
      return V;
  return nullptr;
}

std::string describeEscape(const VarDecl *V, const Escapes &Escaped,
                           const SourceManager &SM) {
  return "'" + V->getNameAsString() + "', whose address is taken at line " +
         std::to_string(SM.getExpansionLineNumber(Escaped.lookup(V)));
}

std::string whyValueReadsEscaped(const Expr *Value, const Escapes &Escaped,
                                 const SourceManager &SM) {
  if (const VarDecl *V = firstEscaped(Value, Escaped))
    return "reads " + describeEscape(V, Escaped, SM);
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

/// \p D, or one of the names it declares along with it that a name in an
/// expression could mean, other than the ones in \p Used, that has the
/// name of one of them. An enum's constants are declared in the block
/// that declares the enum, also from inside a struct (C has no scope for
/// them): `{ enum { ret = 42 }; ... }` hides the variable ret.
static const NamedDecl *
sameName(const Decl *D, const llvm::SmallPtrSet<const NamedDecl *, 4> &Used) {
  if (const auto *Tag = dyn_cast<TagDecl>(D)) {
    for (const Decl *Inner : Tag->decls())
      if (!isa<FieldDecl>(Inner))
        if (const NamedDecl *Found = sameName(Inner, Used))
          return Found;
    return nullptr; // a tag's own name is not an ordinary identifier
  }
  const auto *ND = dyn_cast<NamedDecl>(D);
  if (!ND || Used.count(ND))
    return nullptr;
  for (const NamedDecl *U : Used)
    if (ND->getDeclName() == U->getDeclName())
      return ND;
  return nullptr;
}

/// The first declaration of the function \p Scope, other than the ones in
/// \p Used, that has the name of one of them: wherever it is (a block, a
/// condition, an enum declared in a sizeof or a cast), since C puts them
/// all in the function's context.
static const NamedDecl *
redeclaration(const DeclContext &Scope,
              const llvm::SmallPtrSet<const NamedDecl *, 4> &Used) {
  for (const Decl *D : Scope.decls())
    if (const NamedDecl *Found = sameName(D, Used))
      return Found;
  return nullptr;
}

std::string whyNameIsShadowed(const Expr *Value, const FunctionDecl &FD) {
  llvm::SmallPtrSet<const NamedDecl *, 4> Used;
  collectNamed(Value, Used);
  if (const NamedDecl *Again = redeclaration(FD, Used))
    return "'" + Again->getNameAsString() +
           "', which the returned value reads, is declared again inside the "
           "function, where a return would read that one";
  return "";
}

} // namespace cdefer::migrate
