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
//     size_t entry = __cdefer_v1_recover_token((void *)f);
//     ... recover() ...        ==>      ... __cdefer_v1_recover_by_token(entry) ...
//     defer { ... recover() ... }  ==>  defer { ... __cdefer_v1_recover_by_token(site) ... }
//   }
//
// `entry` is the panic's current token only if the panic called f itself as
// a deferred call; `site` is set before each deferred block at exit (by the
// site marker, which the IR pass makes a runtime call in the code that runs
// while unwinding, and 0 elsewhere). `defer recover();` is f's own call at
// its exit, with `entry`, as in Go: it recovers a panic that runs f as
// deferred code, and not one raised in f (the unwinding copy's marker for
// the deferred call gives that panic a new token first). recover() in a
// block literal stays cdefer_recover(), which returns NULL, as in Go.
//
//===----------------------------------------------------------------------===//
#include "Recover.h"
#include "Abi.h"
#include "AstBuilder.h"
#include "Diagnostics.h"
#include "FileScope.h"
#include "OutlineDeferred.h"
#include "UnwindPass.h"
#include "VariablyModified.h"

#include "clang/AST/Expr.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

using namespace clang;

namespace cdefer {

static bool calls(const CallExpr *Call, llvm::StringRef Name) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Callee->getIdentifier() && Callee->getName() == Name &&
         Call->getNumArgs() == 0;
}

static bool isPublicRecover(const CallExpr *Call) {
  return calls(Call, recovery::Public);
}

/// A deferred block moved into a function of its own passes its token
/// there (OutlineDeferred.cpp).
static bool isBlockToken(const CallExpr *Call) {
  return calls(Call, BlockTokenMarker);
}

bool callsRecover(const Stmt *S) {
  if (!S || isa<BlockExpr>(S))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S);
      Call && (isPublicRecover(Call) || isBlockToken(Call)))
    return true;
  for (const Stmt *Child : evaluatedChildren(S))
    if (callsRecover(Child))
      return true;
  return false;
}

namespace {

class RecoverLowering : public RecoverPlan {
public:
  RecoverLowering(Sema &S, const FunctionDefers &F)
      : S(S), F(F), FD(*F.Function),
        B(S.Context, FD, FD.getBody()->getBeginLoc()) {}

  bool check() {
    for (const DeferSite &Site : F.Sites) {
      CallExpr *Call = deferredCall(S.Context, Site.Deferred);
      if (!Call)
        DeferredBlocks.insert(Site.Deferred);
    }
    find(FD.getBody(), false);
    if (Uses.empty())
      return true;
    WithToken = findFileScopeFunction(S, recovery::WithToken);
    EntryTokenFn = findFileScopeFunction(S, recovery::EntryToken);
    const char *Missing = nullptr;
    if (!hasParams(WithToken, 1))
      Missing = recovery::WithToken;
    else if (!hasParams(EntryTokenFn, 1))
      Missing = recovery::EntryToken;
    if (Missing) {
      errMissingRuntimeForRecover(
          S.getDiagnostics(),
          userLoc(S.getSourceManager(), Uses.begin()->first->getBeginLoc()),
          Missing);
      return false;
    }
    makeTokens();
    return true;
  }

  const RecoverTokens &tokens() const override { return Tokens; }

  void apply() override {
    if (Uses.empty())
      return;
    Stmt *Body = FD.getBody();
    replace(Body);
    prependToBody();
  }

private:
  Sema &S;
  const FunctionDefers &F;
  FunctionDecl &FD;
  AstBuilder B;
  llvm::DenseSet<const Stmt *> DeferredBlocks;
  /// Each recover() call, and whether it is in a deferred block.
  llvm::MapVector<const CallExpr *, bool> Uses;
  llvm::DenseSet<const CallExpr *> BlockTokens; // of the Uses: just the token
  FunctionDecl *WithToken = nullptr, *EntryTokenFn = nullptr;
  VarDecl *EntryToken = nullptr;
  RecoverTokens Tokens;
  std::vector<Stmt *> Declarations;

  static bool hasParams(const FunctionDecl *Fn, unsigned N) {
    return Fn && Fn->getType()->isFunctionProtoType() &&
           Fn->getNumParams() == N;
  }

  void find(Stmt *S, bool InDeferredBlock) {
    if (!S || isa<BlockExpr>(S))
      return;
    InDeferredBlock |= DeferredBlocks.count(S) != 0;
    if (auto *Call = dyn_cast<CallExpr>(S); Call && isPublicRecover(Call))
      Uses.insert({Call, InDeferredBlock});
    if (auto *Call = dyn_cast<CallExpr>(S); Call && isBlockToken(Call)) {
      Uses.insert({Call, true});
      BlockTokens.insert(Call);
    }
    for (Stmt *Child : evaluatedChildren(S))
      find(Child, InDeferredBlock);
  }

  void makeTokens() {
    B.Loc = cast<CompoundStmt>(FD.getBody())->getLBracLoc();
    QualType Size = S.Context.getSizeType();
    bool InBody = false, InBlocks = false;
    for (auto &[Call, InDeferredBlock] : Uses)
      (InDeferredBlock ? InBlocks : InBody) = true;
    if (InBody && (EntryToken = outlinedBlockToken(&FD))) {
      // A deferred block's function: its recover() calls are the block's.
    } else if (InBody) {
      // First of all: a call the body makes before it could be a recursive
      // call of this very function, which must not take the token.
      EntryToken = B.local("__cdefer_entry_token", Size);
      EntryToken->setInit(B.call(EntryTokenFn, {B.functionAddress(&FD)}));
      Declarations.push_back(B.declare(EntryToken));
    }
    if (InBlocks) {
      Tokens.SiteToken = B.zeroedLocal("__cdefer_site_token", Size);
      Declarations.push_back(B.declare(Tokens.SiteToken));
    }
  }

  void replace(Stmt *&S) {
    if (!S || isa<BlockExpr>(S))
      return;
    auto *Call = dyn_cast<CallExpr>(S);
    auto It = Call ? Uses.find(Call) : Uses.end();
    if (It != Uses.end()) {
      B.Loc = Call->getBeginLoc();
      VarDecl *Token = It->second ? Tokens.SiteToken : EntryToken;
      S = BlockTokens.count(Call) ? B.load(B.ref(Token))
                                  : B.call(WithToken, {B.load(B.ref(Token))});
      return;
    }
    for (Stmt *&Child : evaluatedChildren(S))
      replace(Child);
  }

  void prependToBody() {
    auto *Body = cast<CompoundStmt>(FD.getBody());
    std::vector<Stmt *> Stmts = Declarations;
    Stmts.insert(Stmts.end(), Body->body_begin(), Body->body_end());
    FD.setBody(CompoundStmt::Create(S.Context, Stmts,
                                    Body->getStoredFPFeaturesOrDefault(),
                                    Body->getLBracLoc(), Body->getRBracLoc()));
  }
};

} // namespace

RecoverPlan::~RecoverPlan() = default;

std::unique_ptr<RecoverPlan> planRecovers(Sema &S, const FunctionDefers &F) {
  auto R = std::make_unique<RecoverLowering>(S, F);
  if (!R->check())
    return nullptr;
  return R;
}

} // namespace cdefer
