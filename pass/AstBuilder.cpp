//===- AstBuilder.cpp - the AST nodes cdefer adds to a function -----------===//
#include "AstBuilder.h"
#include "UnwindPass.h"

#include "clang/AST/Attr.h"
#include "clang/Basic/Builtins.h"
#include "llvm/Support/MathExtras.h"

using namespace clang;

namespace cdefer {

VarDecl *AstBuilder::local(StringRef Name, QualType T) {
  VarDecl *VD =
      VarDecl::Create(Ctx, &FD, Loc, Loc, &Ctx.Idents.get(Name), T,
                      Ctx.getTrivialTypeSourceInfo(T, Loc), SC_None);
  VD->setImplicit();
  VD->setIsUsed();
  VD->setReferenced();
  // A store an analysis finds unread (a defer before a call that does not
  // return: its exit never comes) is the plugin's, not the user's.
  VD->addAttr(UnusedAttr::CreateImplicit(Ctx));
  FD.addDecl(VD);
  return VD;
}

VarDecl *AstBuilder::zeroedLocal(StringRef Name, QualType T) {
  VarDecl *VD = local(Name, T);
  VD->setInit(new (Ctx) ImplicitValueInitExpr(T));
  return VD;
}

LabelDecl *AstBuilder::label(StringRef Name) {
  LabelDecl *LD = LabelDecl::Create(Ctx, &FD, Loc, &Ctx.Idents.get(Name));
  LD->setImplicit();
  LD->setIsUsed();
  FD.addDecl(LD);
  return LD;
}

/// The bytes of padding a struct of \p Fields, each aligned to at most
/// \p MaxFieldAlign, has after its last field: what its layout will say,
/// computed without asking for the layout (which warns as it is made).
static uint64_t tailPadding(ASTContext &Ctx,
                            ArrayRef<std::pair<std::string, QualType>> Fields,
                            uint64_t MaxFieldAlign) {
  uint64_t End = 0, Align = 1;
  for (const auto &Field : Fields) {
    uint64_t A = std::min<uint64_t>(
        Ctx.getTypeAlignInChars(Field.second).getQuantity(), MaxFieldAlign);
    End = llvm::alignTo(End, A) +
          Ctx.getTypeSizeInChars(Field.second).getQuantity();
    Align = std::max(Align, A);
  }
  return llvm::alignTo(End, Align) - End;
}

RecordDecl *
AstBuilder::record(StringRef Name,
                   ArrayRef<std::pair<std::string, QualType>> Fields,
                   unsigned MaxFieldAlign) {
  // -Wpadded is about the user's structs, not the plugin's: fields without
  // a location never warn of the padding before them, and the padding
  // after the last one is a field of its own.
  RecordDecl *RD = RecordDecl::Create(Ctx, TagTypeKind::Struct, &FD, Loc, Loc,
                                      &Ctx.Idents.get(Name));
  RD->setImplicit();
  RD->addAttr(MaxFieldAlignmentAttr::CreateImplicit(Ctx, MaxFieldAlign * 8));
  RD->startDefinition();
  std::vector<std::pair<std::string, QualType>> All(Fields.begin(),
                                                    Fields.end());
  if (uint64_t Tail = tailPadding(Ctx, Fields, MaxFieldAlign))
    All.push_back({"tail_padding",
                   Ctx.getConstantArrayType(Ctx.CharTy, llvm::APInt(64, Tail),
                                            nullptr, ArraySizeModifier::Normal,
                                            0)});
  for (const auto &[FieldName, T] : All) {
    FieldDecl *F = FieldDecl::Create(
        Ctx, RD, SourceLocation(), SourceLocation(), &Ctx.Idents.get(FieldName),
        T, Ctx.getTrivialTypeSourceInfo(T, Loc), nullptr, false, ICIS_NoInit);
    RD->addDecl(F); // not implicit: printed with the struct (-ast-print)
  }
  RD->completeDefinition();
  FD.addDecl(RD);
  return RD;
}

QualType AstBuilder::typeOf(const RecordDecl *RD) const {
  return Ctx.getCanonicalTagType(RD);
}

FunctionDecl *AstBuilder::markerFunction(StringRef Name, QualType Result,
                                         ArrayRef<QualType> Params) {
  TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  IdentifierInfo *Id = &Ctx.Idents.get(Name);
  for (NamedDecl *ND : TU->lookup(Id))
    if (auto *Existing = dyn_cast<FunctionDecl>(ND))
      return Existing;
  QualType T =
      Ctx.getFunctionType(Result, Params, FunctionProtoType::ExtProtoInfo());
  FunctionDecl *Fn = FunctionDecl::Create(Ctx, TU, Loc, Loc, Id, T,
                                          Ctx.getTrivialTypeSourceInfo(T, Loc),
                                          SC_Extern);
  Fn->setImplicit();
  std::vector<ParmVarDecl *> Parms;
  for (QualType P : Params)
    Parms.push_back(ParmVarDecl::Create(Ctx, Fn, Loc, Loc, nullptr, P,
                                        Ctx.getTrivialTypeSourceInfo(P, Loc),
                                        SC_None, nullptr));
  Fn->setParams(Parms);
  Fn->addAttr(NoThrowAttr::CreateImplicit(Ctx));
  Fn->addAttr(AsmLabelAttr::CreateImplicit(Ctx, markerSymbol(Name)));
  TU->addDecl(Fn);
  return Fn;
}

Expr *AstBuilder::ref(VarDecl *VD) {
  return DeclRefExpr::Create(Ctx, NestedNameSpecifierLoc(), SourceLocation(),
                             VD, false, Loc, VD->getType(), VK_LValue);
}

Expr *AstBuilder::load(Expr *LValue) {
  return ImplicitCastExpr::Create(Ctx, LValue->getType().getUnqualifiedType(),
                                  CK_LValueToRValue, LValue, nullptr,
                                  VK_PRValue, fp());
}

Expr *AstBuilder::assign(Expr *LHS, Expr *RHS) {
  return BinaryOperator::Create(Ctx, LHS, RHS, BO_Assign,
                                LHS->getType().getUnqualifiedType(),
                                VK_PRValue, OK_Ordinary, Loc, fp());
}

Expr *AstBuilder::copy(Expr *Dest, Expr *Src) {
  QualType T = Dest->getType();
  if (!T->isArrayType())
    return assign(Dest, load(Src));
  auto Params = Memcpy->parameters();
  uint64_t Bytes = Ctx.getTypeSizeInChars(T).getQuantity();
  return call(Memcpy, {cast(addressOf(Dest), Params[0]->getType()),
                       cast(addressOf(Src), Params[1]->getType()),
                       integer(Bytes, Params[2]->getType())});
}

Expr *AstBuilder::compoundAssign(BinaryOperatorKind Op, Expr *LHS, Expr *RHS) {
  QualType T = LHS->getType().getUnqualifiedType();
  return CompoundAssignOperator::Create(Ctx, LHS, RHS, Op, T, VK_PRValue, OK_Ordinary, Loc,
                                        fp(), T, T);
}

Expr *AstBuilder::binary(BinaryOperatorKind Op, Expr *LHS, Expr *RHS) {
  return BinaryOperator::Create(Ctx, LHS, RHS, Op, LHS->getType(), VK_PRValue,
                                OK_Ordinary, Loc, fp());
}

Expr *AstBuilder::comma(Expr *LHS, Expr *RHS) {
  return BinaryOperator::Create(Ctx, LHS, RHS, BO_Comma, RHS->getType(),
                                RHS->getValueKind(), RHS->getObjectKind(), Loc,
                                fp());
}

Expr *AstBuilder::compare(BinaryOperatorKind Op, Expr *LHS, Expr *RHS) {
  return BinaryOperator::Create(Ctx, LHS, RHS, Op, Ctx.IntTy, VK_PRValue,
                                OK_Ordinary, Loc, fp());
}

Expr *AstBuilder::integer(uint64_t Value, QualType T) {
  return IntegerLiteral::Create(Ctx, llvm::APInt(Ctx.getIntWidth(T), Value), T,
                                Loc);
}

Expr *AstBuilder::addressOf(Expr *LValue) {
  return UnaryOperator::Create(Ctx, LValue, UO_AddrOf,
                               Ctx.getPointerType(LValue->getType()),
                               VK_PRValue, OK_Ordinary, Loc, false, fp());
}

Expr *AstBuilder::alignUp(Expr *Pointer, uint64_t Align, QualType To) {
  QualType UIntPtr = Ctx.getUIntPtrType();
  Expr *Address = cast(Pointer, UIntPtr, CK_PointerToIntegral);
  Expr *Up = binary(BO_Add, Address, integer(Align - 1, UIntPtr));
  // The mask in uintptr_t's own width: 32 bits on i386, armv7, wasm32.
  uint64_t Mask =
      ~(Align - 1) & llvm::maskTrailingOnes<uint64_t>(Ctx.getIntWidth(UIntPtr));
  Expr *Aligned = binary(BO_And, paren(Up), integer(Mask, UIntPtr));
  return cast(paren(Aligned), To, CK_IntegralToPointer);
}

Expr *AstBuilder::paren(Expr *E) { return new (Ctx) ParenExpr(Loc, Loc, E); }

Expr *AstBuilder::deref(Expr *Pointer) {
  return UnaryOperator::Create(Ctx, Pointer, UO_Deref,
                               Pointer->getType()->getPointeeType(), VK_LValue,
                               OK_Ordinary, Loc, false, fp());
}

Expr *AstBuilder::bitCast(Expr *E, QualType To) {
  return ImplicitCastExpr::Create(Ctx, To, CK_BitCast, E, nullptr, VK_PRValue,
                                  fp());
}

Expr *AstBuilder::cast(Expr *E, QualType To, CastKind Kind) {
  return CStyleCastExpr::Create(Ctx, To, VK_PRValue, Kind, E, nullptr, fp(),
                                Ctx.getTrivialTypeSourceInfo(To, Loc), Loc,
                                Loc);
}

Expr *AstBuilder::functionPointer(FunctionDecl *Fn) {
  // In C a function designator is a prvalue of function type that decays to
  // a pointer (before a call too). A builtin that is not a library
  // function has no address: Sema gives its name the builtin-function type
  // and a cast of its own, which CodeGen expects.
  unsigned ID = Fn->getBuiltinID();
  bool Builtin = ID && !Ctx.BuiltinInfo.isPredefinedLibFunction(ID);
  Expr *Ref = DeclRefExpr::Create(
      Ctx, NestedNameSpecifierLoc(), SourceLocation(), Fn, false, Loc,
      Builtin ? Ctx.BuiltinFnTy : Fn->getType(), VK_PRValue);
  return ImplicitCastExpr::Create(
      Ctx, Ctx.getPointerType(Fn->getType()),
      Builtin ? CK_BuiltinFnToFnPtr : CK_FunctionToPointerDecay, Ref, nullptr,
      VK_PRValue, fp());
}

Expr *AstBuilder::functionAddress(FunctionDecl *Fn) {
  return cast(functionPointer(Fn), Ctx.VoidPtrTy);
}

Expr *AstBuilder::nullPointer() {
  return ImplicitCastExpr::Create(Ctx, Ctx.VoidPtrTy, CK_NullToPointer,
                                  integer(0, Ctx.IntTy), nullptr, VK_PRValue,
                                  fp());
}

Expr *AstBuilder::arrow(Expr *Pointer, FieldDecl *Field) {
  return MemberExpr::CreateImplicit(Ctx, Pointer, true, Field,
                                    Field->getType(), VK_LValue, OK_Ordinary);
}

Expr *AstBuilder::dot(Expr *Base, FieldDecl *Field) {
  return MemberExpr::CreateImplicit(Ctx, Base, false, Field, Field->getType(),
                                    VK_LValue, OK_Ordinary);
}

Expr *AstBuilder::call(FunctionDecl *Callee, ArrayRef<Expr *> Args) {
  return CallExpr::Create(Ctx, functionPointer(Callee), Args,
                          Callee->getCallResultType(), VK_PRValue, Loc, fp());
}

Stmt *AstBuilder::declare(Decl *D) {
  return new (Ctx) DeclStmt(DeclGroupRef(D), Loc, Loc);
}

CompoundStmt *AstBuilder::block(ArrayRef<Stmt *> Stmts) {
  return CompoundStmt::Create(Ctx, Stmts, fp(), Loc, Loc);
}

CompoundStmt *AstBuilder::blockSpanning(ArrayRef<Stmt *> Stmts,
                                        const Stmt *Code) {
  return CompoundStmt::Create(Ctx, Stmts, fp(), Code->getBeginLoc(),
                              Code->getEndLoc());
}

Stmt *AstBuilder::ifThen(Expr *Cond, Stmt *Then) {
  return IfStmt::Create(Ctx, Loc, IfStatementKind::Ordinary, nullptr, nullptr,
                        Cond, Loc, Loc, Then);
}

Stmt *AstBuilder::jump(LabelDecl *Target) {
  return new (Ctx) GotoStmt(Target, Loc, Loc);
}

Stmt *AstBuilder::labeled(LabelDecl *Label, Stmt *Sub) {
  auto *LS = new (Ctx) LabelStmt(Loc, Label, Sub);
  Label->setStmt(LS);
  return LS;
}

Stmt *AstBuilder::ret(Expr *Value) {
  return ReturnStmt::Create(Ctx, Loc, Value, nullptr);
}

Stmt *AstBuilder::whileLoop(Expr *Cond, Stmt *Body) {
  return WhileStmt::Create(Ctx, nullptr, Cond, Body, Loc, Loc, Loc);
}

Stmt *AstBuilder::doWhile(Stmt *Body, Expr *Cond) {
  return new (Ctx) DoStmt(Body, Cond, Loc, Loc, Loc);
}

Stmt *AstBuilder::dispatch(Expr *Cond, ArrayRef<uint64_t> Values,
                           ArrayRef<Stmt *> Bodies) {
  SwitchStmt *Switch = SwitchStmt::Create(Ctx, nullptr, nullptr, Cond, Loc, Loc);
  // Every node has a location: coverage mapping walks them all.
  Switch->setSwitchLoc(Loc);
  std::vector<Stmt *> Cases;
  for (size_t I = 0; I < Values.size(); ++I) {
    CaseStmt *Case = CaseStmt::Create(Ctx, integer(Values[I], Cond->getType()),
                                      nullptr, Loc, SourceLocation(), Loc);
    Case->setSubStmt(Bodies[I]);
    Switch->addSwitchCase(Case);
    Cases.push_back(Case);
    Cases.push_back(new (Ctx) BreakStmt(Loc));
  }
  // Every value is a case; the default that says so costs no code, and
  // linters that read the lowered function (cdefer-tidy) expect one.
  auto *Default = new (Ctx) DefaultStmt(Loc, Loc, new (Ctx) BreakStmt(Loc));
  Switch->addSwitchCase(Default);
  Cases.push_back(Default);
  Switch->setBody(block(Cases));
  return Switch;
}

} // namespace cdefer
