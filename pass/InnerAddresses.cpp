//===- InnerAddresses.cpp - arguments holding an inner variable's address --===/
//
// See InnerAddresses.h.
//
//===----------------------------------------------------------------------===//
#include "InnerAddresses.h"

using namespace clang;

namespace cdefer {

bool InnerAddresses::pointsInto(Expr *E, InnerAddress &Out) const {
  if (!E->getType()->isPointerType())
    return false;
  E = E->IgnoreParens();
  if (auto *Cast = dyn_cast<CastExpr>(E)) {
    Expr *From = Cast->getSubExpr();
    switch (Cast->getCastKind()) {
    case CK_ArrayToPointerDecay:
      return isInside(From, Out);
    case CK_NoOp:
    case CK_BitCast: // a type written with a variable size is not stable
      return !Cast->getType()->isVariablyModifiedType() &&
             pointsInto(From, Out);
    default:
      return false;
    }
  }
  if (auto *Op = dyn_cast<UnaryOperator>(E))
    return Op->getOpcode() == UO_AddrOf && isInside(Op->getSubExpr(), Out);
  if (auto *Op = dyn_cast<BinaryOperator>(E)) {
    if (!Op->isAdditiveOp())
      return false;
    bool PointerFirst = Op->getLHS()->getType()->isPointerType();
    Expr *Pointer = PointerFirst ? Op->getLHS() : Op->getRHS();
    Expr *Offset = PointerFirst ? Op->getRHS() : Op->getLHS();
    return pointsInto(Pointer, Out) && addOffset(Op, Offset, Out);
  }
  return false;
}

/// \p E, an object (see pointsInto).
bool InnerAddresses::isInside(Expr *E, InnerAddress &Out) const {
  E = E->IgnoreParens();
  // `p->m` and `*p` are inside what p points to: `(&s)->m`, `*arr`.
  if (auto *Member = dyn_cast<MemberExpr>(E))
    return Member->isArrow() ? pointsInto(Member->getBase(), Out)
                             : isInside(Member->getBase(), Out);
  if (auto *Op = dyn_cast<UnaryOperator>(E)) {
    if (Op->getOpcode() == UO_Real || Op->getOpcode() == UO_Imag)
      return isInside(Op->getSubExpr(), Out); // `&__real__ z`
    return Op->getOpcode() == UO_Deref && pointsInto(Op->getSubExpr(), Out);
  }
  if (auto *Literal = dyn_cast<CompoundLiteralExpr>(E)) {
    Out.Literal = Literal;
    return !Literal->isFileScope();
  }
  if (auto *Element = dyn_cast<ArraySubscriptExpr>(E))
    return pointsInto(Element->getBase(), Out) &&
           addOffset(Element, Element->getIdx(), Out);
  auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || Outer.count(V))
    return false;
  Out.Variable = Ref;
  return true;
}

void InnerAddresses::carriedBy(Expr *E, std::vector<Stmt *> &Out) const {
  E = E->IgnoreParens();
  InnerAddress Address;
  if (pointsInto(E, Address)) {
    if (Address.Variable)
      Out.push_back(Address.Variable);
    return;
  }
  if (isa<UnaryExprOrTypeTraitExpr>(E) || E->isEvaluatable(Context))
    return;
  if (auto *Cast = dyn_cast<CastExpr>(E)) {
    // A value loaded from an object holds what was stored there, except
    // a compound literal's: what its initializer gives it here.
    Expr *From = Cast->getSubExpr();
    if (Cast->getCastKind() != CK_LValueToRValue ||
        isa<CompoundLiteralExpr>(From->IgnoreParens()))
      carriedBy(From, Out);
    return;
  }
  if (auto *Cond = dyn_cast<BinaryConditionalOperator>(E)) { // `a ?: b`
    carriedBy(Cond->getCommon(), Out);
    carriedBy(Cond->getFalseExpr(), Out);
    return;
  }
  if (auto *Cond = dyn_cast<ConditionalOperator>(E)) {
    carriedBy(Cond->getTrueExpr(), Out);
    carriedBy(Cond->getFalseExpr(), Out);
    return;
  }
  if (auto *Op = dyn_cast<BinaryOperator>(E)) {
    if (Op->getOpcode() == BO_Comma || Op->getOpcode() == BO_Assign)
      carriedBy(Op->getRHS(), Out);
    else if (Op->isAdditiveOp() || Op->isMultiplicativeOp() ||
             Op->isBitwiseOp() || Op->isShiftOp())
      carriedBy(Op->getLHS(), Out), carriedBy(Op->getRHS(), Out);
    return;
  }
  // An object reached here is not loaded (that stops at the cast above):
  // its address is taken or it decays, and it lies in what its base
  // points to: `&(c ? &a : &b)->x`, `(c ? g : h)[1]`, `*same(&v)`.
  if (auto *Op = dyn_cast<UnaryOperator>(E)) {
    if (!Op->isIncrementDecrementOp() && Op->getOpcode() != UO_LNot)
      carriedBy(Op->getSubExpr(), Out);
    return;
  }
  if (auto *Call = dyn_cast<CallExpr>(E)) {
    QualType T = Call->getType();
    if (T->isPointerType() || T->isRecordType())
      for (Expr *Arg : Call->arguments())
        carriedBy(Arg, Out);
    return;
  }
  if (auto *Member = dyn_cast<MemberExpr>(E))
    return carriedBy(Member->getBase(), Out);
  if (auto *Element = dyn_cast<ArraySubscriptExpr>(E))
    return carriedBy(Element->getBase(), Out);
  if (isa<DeclRefExpr>(E))
    return; // not an inner variable's (pointsInto), or a function
  // Initializer lists, compound literals, statement expressions, _Atomic
  // operations: whatever they hold.
  for (Stmt *Child : E->children())
    if (auto *Sub = dyn_cast_or_null<Expr>(Child))
      carriedBy(Sub, Out);
}

/// Notes \p Offset, a child of \p Parent, unless it is a constant.
bool InnerAddresses::addOffset(Expr *Parent, Expr *Offset,
                               InnerAddress &Out) const {
  if (Offset->isEvaluatable(Context))
    return true;
  for (Stmt *&Child : Parent->children())
    if (Child == Offset) {
      Out.Offsets.push_back(&Child);
      return true;
    }
  return false;
}

} // namespace cdefer
