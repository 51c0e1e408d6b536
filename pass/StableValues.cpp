//===- StableValues.cpp - defer arguments that need no capture -------------===//
//
// A variable is unchanged when every mention of it in the function is the
// operand of an lvalue-to-rvalue conversion: a plain read. Any other
// mention (the left of an assignment, ++, &, a member or element access, an
// asm output, a builtin that takes it by reference, even sizeof) may change
// it or hand out its address, and counts as a change. Variably modified
// types are not followed: a size expression in a type can have side effects
// (`int (*p)[n++]`), so a function with one trusts no variable.
//
//===----------------------------------------------------------------------===//
#include "StableValues.h"
#include "VariablyModified.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include <utility>

using namespace clang;

namespace cdefer {
namespace {

/// Walks a function body once: which variables are mentioned other than
/// read, whether a goto can run an initializer again, whether a variably
/// modified type appears.
class MentionWalker {
public:
  llvm::DenseSet<const VarDecl *> &Changed;
  bool HasGoto = false;
  bool HasVariablyModifiedType = false;

  explicit MentionWalker(llvm::DenseSet<const VarDecl *> &Changed)
      : Changed(Changed) {}

  /// \p Read: \p S is the operand of an lvalue-to-rvalue conversion,
  /// through parentheses.
  void walk(const Stmt *S, bool Read = false) {
    if (!S)
      return;
    noteTypes(S);
    if (isa<GotoStmt>(S) || isa<IndirectGotoStmt>(S))
      HasGoto = true;
    if (const auto *Asm = dyn_cast<GCCAsmStmt>(S); Asm && Asm->isAsmGoto())
      HasGoto = true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()); V && !Read)
        Changed.insert(V);
      return;
    }
    if (const auto *Block = dyn_cast<BlockExpr>(S))
      walk(Block->getBlockDecl()->getBody());
    const auto *Cast = dyn_cast<ImplicitCastExpr>(S);
    bool ReadsChild = isa<ParenExpr>(S) ? Read
                      : Cast && Cast->getCastKind() == CK_LValueToRValue;
    for (const Stmt *Child : evaluatedChildren(S))
      walk(Child, ReadsChild);
  }

private:
  void noteTypes(const Stmt *S) {
    auto Note = [&](QualType T) {
      HasVariablyModifiedType |= !T.isNull() && T->isVariablyModifiedType();
    };
    if (const auto *E = dyn_cast<Expr>(S))
      Note(E->getType());
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(S))
      Note(Cast->getTypeAsWritten());
    if (const auto *Trait = dyn_cast<UnaryExprOrTypeTraitExpr>(S);
        Trait && Trait->isArgumentType())
      Note(Trait->getArgumentType());
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *Dl : DS->decls())
        if (const auto *VD = dyn_cast<ValueDecl>(Dl))
          Note(VD->getType());
  }
};

} // namespace

StableValues::StableValues(const FunctionDecl &F,
                           const llvm::DenseSet<const VarDecl *> &Outer,
                           const VarDecl *Result)
    : F(F), Outer(Outer), Result(Result) {
  MentionWalker Walk(Changed);
  Walk.walk(F.getBody());
  HasGoto = Walk.HasGoto;
  // Nothing is trusted then: see the file comment.
  if (Walk.HasVariablyModifiedType)
    Trusted = false;
}

bool StableValues::livesUntilExit(const VarDecl *V) const {
  if (!Trusted || !V->hasLocalStorage() || V->hasAttr<CleanupAttr>() ||
      V->hasAttr<BlocksAttr>())
    return false;
  if (isa<ParmVarDecl>(V))
    return V->getDeclContext() == &F;
  // A goto back over the declaration would start a new instance, with a
  // new value, where a defer before the jump saw the old one.
  return Outer.count(V) && !HasGoto;
}

bool StableValues::isUnchanged(const VarDecl *V) const {
  return !Changed.count(V) && V != Result &&
         !V->getType().isVolatileQualified() && !V->hasAttr<AsmLabelAttr>();
}

bool StableValues::isSameOffset(const Expr *Offset) const {
  return Offset->getType()->isIntegerType() &&
         (Offset->isEvaluatable(F.getASTContext()) || sameAtExit(Offset));
}

bool StableValues::isStableAddress(const Expr *Lvalue) const {
  const Expr *E = Lvalue->IgnoreParens();
  if (const auto *Element = dyn_cast<ArraySubscriptExpr>(E)) // `&buf[n]`
    return Element->getBase()->getType()->isPointerType() &&
           sameAtExit(Element->getBase()) && isSameOffset(Element->getIdx());
  while (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (Member->isArrow())
      return false;
    E = Member->getBase()->IgnoreParens();
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return V && livesUntilExit(V);
}

bool StableValues::sameAtExit(const Expr *Arg) const {
  const Expr *E = Arg->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->getOpcode() == UO_AddrOf && isStableAddress(U->getSubExpr());
  if (const auto *Op = dyn_cast<BinaryOperator>(E)) { // `buf + 3`
    const Expr *Pointer = Op->getLHS(), *Offset = Op->getRHS();
    if (!Pointer->getType()->isPointerType())
      std::swap(Pointer, Offset);
    return Op->isAdditiveOp() && Pointer->getType()->isPointerType() &&
           sameAtExit(Pointer) && isSameOffset(Offset);
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || !livesUntilExit(V))
    return false;
  // An array argument is its address.
  return V->getType()->isArrayType() || isUnchanged(V);
}

} // namespace cdefer
