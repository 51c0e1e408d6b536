//===- VariablyModified.cpp - code that lives in types --------------------===//
//
// See VariablyModified.h.
//
//===----------------------------------------------------------------------===//
#include "VariablyModified.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace cdefer {

void forEachWrittenType(Stmt *S, llvm::function_ref<void(QualType)> Visit) {
  if (auto *DS = dyn_cast<DeclStmt>(S)) {
    for (Decl *Dl : DS->decls())
      if (auto *TD = dyn_cast<TypedefNameDecl>(Dl))
        Visit(TD->getUnderlyingType());
      else if (auto *VD = dyn_cast<ValueDecl>(Dl))
        Visit(VD->getType());
  } else if (auto *Cast = dyn_cast<ExplicitCastExpr>(S)) {
    Visit(Cast->getTypeAsWritten());
  } else if (auto *Literal = dyn_cast<CompoundLiteralExpr>(S)) {
    Visit(Literal->getType());
  } else if (auto *Trait = dyn_cast<UnaryExprOrTypeTraitExpr>(S)) {
    if (Trait->isArgumentType())
      Visit(Trait->getArgumentType());
  } else if (auto *Arg = dyn_cast<VAArgExpr>(S)) {
    Visit(Arg->getWrittenTypeInfo()->getType());
  }
}

/// The type inside \p T where a variably modified type's variable part
/// can be: an array's elements, what a pointer points to, a function's
/// result, an _Atomic's value (through sugar); null for other types.
static QualType innerType(QualType T) {
  if (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    return AT->getElementType();
  if (const auto *PT = T->getAs<PointerType>())
    return PT->getPointeeType();
  if (const auto *BT = T->getAs<BlockPointerType>())
    return BT->getPointeeType();
  if (const auto *FT = T->getAs<FunctionType>())
    return FT->getReturnType();
  if (const auto *AtT = T->getAs<AtomicType>())
    return AtT->getValueType();
  return QualType();
}

void forEachSizingSugar(QualType T,
                        llvm::function_ref<void(const Type *)> Visit) {
  while (!T.isNull() && T->isVariablyModifiedType()) {
    const Type *Ty = T.getTypePtr();
    if (isa<TypedefType, TypeOfExprType>(Ty))
      return Visit(Ty);
    QualType Desugared = Ty->getLocallyUnqualifiedSingleStepDesugaredType();
    T = Desugared.getTypePtr() != Ty ? Desugared : innerType(T);
  }
}

/// The size expressions of the variable-length arrays in \p T, which are
/// evaluated where the type is used: through arrays, pointers, functions'
/// results and _Atomic, and through sugar (a typedef, typeof(expr), whose
/// array type is its expression's own).
void forEachArraySize(QualType T, llvm::function_ref<void(Expr *)> Visit) {
  for (; !T.isNull() && T->isVariablyModifiedType(); T = innerType(T))
    if (const auto *VLA =
            dyn_cast_or_null<VariableArrayType>(T->getAsArrayTypeUnsafe()))
      if (Expr *Size = VLA->getSizeExpr())
        Visit(Size);
}

/// The sizes and typeof operands of \p T that CodeGen evaluates where it
/// is spelled, as slots (see EvaluatedChildren).
static void addEvaluatedSlots(QualType T, llvm::SmallVectorImpl<Stmt **> &Out) {
  while (!T.isNull() && T->isVariablyModifiedType()) {
    const Type *Ty = T.getTypePtr();
    if (isa<TypedefType>(Ty))
      return;
    if (const auto *Of = dyn_cast<TypeOfExprType>(Ty)) {
      for (Stmt *&Operand : Of->getUnderlyingExpr()->children())
        Out.push_back(&Operand);
      return;
    }
    if (const auto *VLA = dyn_cast<VariableArrayType>(Ty))
      if (VLA->getSizeExpr())
        Out.push_back(&*StmtIterator(VLA)); // the type's own slot
    QualType Desugared = Ty->getLocallyUnqualifiedSingleStepDesugaredType();
    T = Desugared.getTypePtr() != Ty ? Desugared : innerType(T);
  }
}

void EvaluatedChildren::addTypedSlots(Stmt *S) {
  forEachWrittenType(S, [&](QualType T) { addEvaluatedSlots(T, Typed); });
  if (Typed.empty())
    return;
  // children() has the sizes of a declared array, and of sizeof's.
  llvm::erase_if(Typed, [&](Stmt **Slot) {
    return llvm::any_of(Children, [&](Stmt *&Child) { return &Child == Slot; });
  });
}

} // namespace cdefer
