//===- OuterCleanups.cpp - cleanups of the outermost block ----------------===//
#include "OuterCleanups.h"

#include "clang/AST/Attr.h"

using namespace clang;

namespace cdefer {

CompoundStmt *OuterCleanups::takeOver(AstBuilder &B, CompoundStmt *Body,
                                      std::vector<Stmt *> &Prologue) {
  std::vector<Stmt *> Stmts;
  for (Stmt *St : Body->body()) {
    LabelStmt *Labeled = nullptr; // C23: `L: T c = ...;`
    Stmt *Inner = St;
    while (auto *Label = dyn_cast<LabelStmt>(Inner)) {
      Labeled = Label;
      Inner = Label->getSubStmt();
    }
    if (auto *Deferred = dyn_cast<DeferStmt>(Inner)) {
      B.Loc = Deferred->getDeferLoc();
      Stmt *SetLive =
          takeOver(B, Deferred->getBody(), nullptr, nullptr,
                   "__cdefer_live_defer" + std::to_string(Cleanups.size()),
                   Prologue);
      if (Labeled)
        Labeled->setSubStmt(SetLive);
      Stmts.push_back(Labeled ? St : SetLive);
      continue;
    }
    Stmts.push_back(St);
    auto *DS = dyn_cast<DeclStmt>(Inner);
    if (!DS)
      continue;
    for (Decl *Dl : DS->decls()) {
      auto *V = dyn_cast<VarDecl>(Dl);
      auto *Cleanup = V ? V->getAttr<CleanupAttr>() : nullptr;
      if (!Cleanup || !Cleanup->getFunctionDecl())
        continue;
      B.Loc = V->getLocation();
      Stmts.push_back(takeOver(B, nullptr, V, Cleanup->getFunctionDecl(),
                               ("__cdefer_live_" + V->getName()).str(),
                               Prologue));
      V->dropAttr<CleanupAttr>();
    }
  }
  if (Cleanups.empty())
    return Body;
  return CompoundStmt::Create(B.Ctx, Stmts, Body->getStoredFPFeaturesOrDefault(),
                              Body->getLBracLoc(), Body->getRBracLoc());
}

Stmt *OuterCleanups::takeOver(AstBuilder &B, Stmt *Deferred, VarDecl *Var,
                              FunctionDecl *Function, const std::string &Flag,
                              std::vector<Stmt *> &Prologue) {
  VarDecl *Live = B.zeroedLocal(Flag, B.Ctx.IntTy);
  Prologue.push_back(B.declare(Live));
  Cleanups.push_back({Deferred, Var, Function, Live});
  return B.assign(B.ref(Live), B.integer(1, B.Ctx.IntTy));
}

static Stmt *clearFlag(AstBuilder &B, VarDecl *Live) {
  return B.assign(B.ref(Live), B.integer(0, B.Ctx.IntTy));
}

void OuterCleanups::run(AstBuilder &B, std::vector<Stmt *> &Exiting) const {
  for (auto It = Cleanups.rbegin(); It != Cleanups.rend(); ++It) {
    // The flag is cleared first: if the cleanup panics, the unwinding
    // copy of the exit sequence must not run it again (it looped).
    if (It->Deferred) {
      B.Loc = It->Deferred->getBeginLoc();
      Exiting.push_back(B.ifThen(
          B.load(B.ref(It->Live)),
          B.block({clearFlag(B, It->Live), It->Deferred})));
      continue;
    }
    B.Loc = It->Var->getLocation();
    Expr *Address = B.addressOf(B.ref(It->Var));
    QualType Param = It->Function->getParamDecl(0)->getType();
    if (!B.Ctx.hasSameType(Address->getType(), Param))
      Address = B.bitCast(Address, Param);
    Exiting.push_back(B.ifThen(
        B.load(B.ref(It->Live)),
        B.block({clearFlag(B, It->Live), B.call(It->Function, {Address})})));
  }
}

} // namespace cdefer
