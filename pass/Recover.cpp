//===- Recover.cpp - give every recover() the token of its deferred code --===//
//
// Go's recover() stops a panic only when called directly by the deferred
// function the panic is running: Go checks the caller's argument pointer
// against the one the panic recorded. cdefer does the same with a token
// (runtime/src/panic.c) that the plugin passes explicitly, so that neither
// inlining, nor tail calls, nor the frame layout of any target can change
// which calls recover:
//
//   T f(...) {                          // f calls recover() in its body:
//     size_t entry = __cdefer_recover_token((void *)f);
//     ... recover() ...        ==>      ... __cdefer_recover(entry) ...
//     defer { ... recover() ... }  ==>  defer { ... __cdefer_recover(site) ... }
//   }
//
// `entry` is the panic's current token only if the panic called f itself as
// a deferred call; `site` is set before each deferred block at exit (by the
// site marker, which the IR pass makes a runtime call in the code that runs
// while unwinding, and 0 elsewhere). recover() in a block literal, and
// `defer recover();` (where recover is the deferred call, not called by
// it), stay cdefer_recover(), which returns NULL, as in Go.
//
//===----------------------------------------------------------------------===//
#include "Recover.h"
#include "AstBuilder.h"
#include "Diagnostics.h"
#include "UnwindPass.h"

#include "clang/AST/Expr.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cdefer {

static bool isPublicRecover(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Callee->getIdentifier() &&
         Callee->getName() == recovery::Public && Call->getNumArgs() == 0;
}

bool callsRecover(const Stmt *S) {
  if (!S || isa<BlockExpr>(S))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S); Call && isPublicRecover(Call))
    return true;
  for (const Stmt *Child : S->children())
    if (callsRecover(Child))
      return true;
  return false;
}

namespace {

/// Where a recover() call stands, so that it can be replaced there.
struct RecoverUse {
  Stmt **Slot;
  bool InDeferredBlock;
};

class RecoverLowering {
public:
  RecoverLowering(Sema &S, const FunctionDefers &F)
      : S(S), F(F), FD(*F.Function),
        B(S.Context, FD, FD.getBody()->getBeginLoc()) {}

  bool run(RecoverTokens &Out) {
    for (const DeferSite &Site : F.Sites) {
      CallExpr *Call = deferredCall(S.Context, Site.Deferred);
      if (!Call)
        DeferredBlocks.insert(Site.Deferred);
      else if (isPublicRecover(Call))
        DeferredRecover.insert(Call); // `defer recover();`: stays as it is
    }
    Stmt *Body = FD.getBody();
    find(Body, false);
    if (Uses.empty())
      return true;
    WithToken = B.runtimeFunction(recovery::WithToken);
    EntryTokenFn = B.runtimeFunction(recovery::EntryToken);
    if (!WithToken || !EntryTokenFn || WithToken->getNumParams() != 1 ||
        EntryTokenFn->getNumParams() != 1) {
      errMissingRuntimeForRecover(
          S.getDiagnostics(),
          userLoc(S.getSourceManager(), (*Uses.front().Slot)->getBeginLoc()),
          !WithToken || WithToken->getNumParams() != 1 ? recovery::WithToken
                                                       : recovery::EntryToken);
      return false;
    }
    std::vector<Stmt *> Declarations = makeTokens(Out);
    // Each use is replaced where it stands before the body is rebuilt: the
    // slots of its own statements are those of the old body.
    for (const RecoverUse &Use : Uses)
      *Use.Slot = tokenCall(*Use.Slot, Use.InDeferredBlock ? Out.SiteToken
                                                           : EntryToken);
    prependToBody(Declarations);
    return true;
  }

private:
  Sema &S;
  const FunctionDefers &F;
  FunctionDecl &FD;
  AstBuilder B;
  llvm::DenseSet<const Stmt *> DeferredBlocks;
  llvm::DenseSet<const Stmt *> DeferredRecover;
  std::vector<RecoverUse> Uses;
  FunctionDecl *WithToken = nullptr, *EntryTokenFn = nullptr;
  VarDecl *EntryToken = nullptr;

  void find(Stmt *S, bool InDeferredBlock) {
    if (!S || isa<BlockExpr>(S))
      return;
    InDeferredBlock |= DeferredBlocks.count(S) != 0;
    for (Stmt *&Child : S->children()) {
      auto *Call = dyn_cast_or_null<CallExpr>(Child);
      if (Call && isPublicRecover(Call) && !DeferredRecover.count(Call))
        Uses.push_back({&Child, InDeferredBlock});
      find(Child, InDeferredBlock);
    }
  }

  std::vector<Stmt *> makeTokens(RecoverTokens &Out) {
    B.Loc = cast<CompoundStmt>(FD.getBody())->getLBracLoc();
    QualType Size = S.Context.getSizeType();
    std::vector<Stmt *> Stmts;
    bool InBody = false, InBlocks = false;
    for (const RecoverUse &Use : Uses)
      (Use.InDeferredBlock ? InBlocks : InBody) = true;
    if (InBody) {
      // First of all: a call the body makes before it could be a recursive
      // call of this very function, which must not take the token.
      EntryToken = B.local("__cdefer_entry_token", Size);
      EntryToken->setInit(B.call(EntryTokenFn, {B.functionAddress(&FD)}));
      Stmts.push_back(B.declare(EntryToken));
    }
    if (InBlocks) {
      Out.SiteToken = B.zeroedLocal("__cdefer_site_token", Size);
      Stmts.push_back(B.declare(Out.SiteToken));
    }
    return Stmts;
  }

  void prependToBody(std::vector<Stmt *> Stmts) {
    auto *Body = cast<CompoundStmt>(FD.getBody());
    Stmts.insert(Stmts.end(), Body->body_begin(), Body->body_end());
    FD.setBody(CompoundStmt::Create(S.Context, Stmts,
                                    Body->getStoredFPFeaturesOrDefault(),
                                    Body->getLBracLoc(), Body->getRBracLoc()));
  }

  Expr *tokenCall(Stmt *Recover, VarDecl *Token) {
    B.Loc = Recover->getBeginLoc();
    return B.call(WithToken, {B.load(B.ref(Token))});
  }
};

} // namespace

bool lowerRecovers(Sema &S, const FunctionDefers &F, RecoverTokens &Out) {
  return RecoverLowering(S, F).run(Out);
}

} // namespace cdefer
