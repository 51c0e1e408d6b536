//===- OuterCleanups.cpp - cleanup attributes of the outermost block ------===//
#include "OuterCleanups.h"

#include "clang/AST/Attr.h"

using namespace clang;

namespace cdefer {

CompoundStmt *OuterCleanups::takeOver(AstBuilder &B, CompoundStmt *Body,
                                      std::vector<Stmt *> &Prologue) {
  std::vector<Stmt *> Stmts;
  for (Stmt *St : Body->body()) {
    Stmts.push_back(St);
    Stmt *Inner = St;
    while (auto *Label = dyn_cast<LabelStmt>(Inner)) // C23: `L: T c = ...;`
      Inner = Label->getSubStmt();
    auto *DS = dyn_cast<DeclStmt>(Inner);
    if (!DS)
      continue;
    for (Decl *Dl : DS->decls()) {
      auto *V = dyn_cast<VarDecl>(Dl);
      auto *Cleanup = V ? V->getAttr<CleanupAttr>() : nullptr;
      if (!Cleanup || !Cleanup->getFunctionDecl())
        continue;
      B.Loc = V->getLocation();
      VarDecl *Live = B.zeroedLocal(("__cdefer_live_" + V->getName()).str(),
                                    B.Ctx.IntTy);
      Prologue.push_back(B.declare(Live));
      Stmts.push_back(B.assign(B.ref(Live), B.integer(1, B.Ctx.IntTy)));
      Cleanups.push_back({V, Cleanup->getFunctionDecl(), Live});
      V->dropAttr<CleanupAttr>();
    }
  }
  if (Cleanups.empty())
    return Body;
  return CompoundStmt::Create(B.Ctx, Stmts, Body->getStoredFPFeaturesOrDefault(),
                              Body->getLBracLoc(), Body->getRBracLoc());
}

void OuterCleanups::run(AstBuilder &B, std::vector<Stmt *> &Exiting) const {
  for (auto It = Cleanups.rbegin(); It != Cleanups.rend(); ++It) {
    B.Loc = It->Var->getLocation();
    Expr *Address = B.addressOf(B.ref(It->Var));
    QualType Param = It->Function->getParamDecl(0)->getType();
    if (!B.Ctx.hasSameType(Address->getType(), Param))
      Address = B.bitCast(Address, Param);
    Exiting.push_back(B.ifThen(B.load(B.ref(It->Live)),
                               B.call(It->Function, {Address})));
  }
}

} // namespace cdefer
