//===- ExitView.cpp - a function as flow-sensitive analyses should see it -===//
//
// Clang's flow-sensitive analyses (thread safety first) are path-insensitive
// where paths join: the lowered function's `if (bits & mask) unlock(m);`
// reads to them as "maybe released", and a defer seen where it is written
// reads as "released right here". Neither is the program. The view is what
// a careful hand-written twin looks like:
//
//   lock(&mu);                         lock(&mu);
//   if (!ok) return -1;                if (!ok) { -1; goto exit_1; }
//   defer unlock(&mu);        ==>      0;                   // the defer
//   counter++;                         counter++;
//   return 0;                          { 0; goto exit_0; }
//                                      goto exit_1;         // end of body
//                                    exit_0: unlock(&mu);
//                                    exit_1: return;
//
// Which defers a `return` has executed comes from a must/may dataflow over
// the view's own CFG, with the defers as its only events. A defer that every
// `return` entering the chain at or before it has certainly executed runs
// unconditionally; one that only some did runs under an opaque condition.
//
//===----------------------------------------------------------------------===//
#include "ExitView.h"
#include "AstBuilder.h"
#include "VariablyModified.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace cdefer {
namespace {

/// What each `return` of the view has executed of the defers.
struct Executed {
  llvm::BitVector Must, May;
};

class ViewBuilder {
public:
  ViewBuilder(ASTContext &Ctx, FunctionDefers &F,
              std::vector<std::pair<Stmt **, Stmt *>> &Undo)
      : Ctx(Ctx), F(F), Undo(Undo), N(F.Sites.size()),
        B(Ctx, *F.Function, F.Function->getLocation()) {
    for (const DeferSite &Site : F.Sites)
      SiteOf[Site.Statement] = &Site;
  }

  CompoundStmt *build(const std::vector<unsigned> &ExitOrder) {
    auto *Body = cast<CompoundStmt>(F.Function->getBody());
    B.Loc = Body->getRBracLoc();
    for (Stmt *&St : Body->body())
      replaceIn(St);
    Exits.push_back(jump(nullptr)); // falling off the end of the body
    std::vector<Executed> Facts = executedAtExits(Body);
    return chain(Body, ExitOrder, Facts);
  }

private:
  ASTContext &Ctx;
  FunctionDefers &F;
  std::vector<std::pair<Stmt **, Stmt *>> &Undo;
  const unsigned N;
  AstBuilder B; // its Loc: the body's closing brace, unless said
  llvm::DenseMap<const Stmt *, const DeferSite *> SiteOf;
  llvm::DenseMap<const Stmt *, unsigned> DeferEvent; // stand-in -> site index
  std::vector<GotoStmt *> Exits;

  void set(Stmt *&Slot, Stmt *New) {
    Undo.push_back({&Slot, Slot});
    Slot = New;
  }

  void replaceIn(Stmt *&Slot) {
    Stmt *St = Slot;
    if (!St || isa<BlockExpr>(St))
      return;
    if (auto *R = dyn_cast<ReturnStmt>(St))
      return set(Slot, exitFrom(R));
    if (const DeferSite *Site = SiteOf.lookup(St))
      return set(Slot, standIn(*Site));
    for (Stmt *&Child : evaluatedChildren(St))
      replaceIn(Child);
  }

  /// `defer S;` ==> an expression statement with no effect, which the CFG
  /// keeps as an element: the dataflow's event for this defer.
  Stmt *standIn(const DeferSite &Site) {
    auto *Event = IntegerLiteral::Create(
        Ctx, llvm::APInt(Ctx.getTypeSize(Ctx.IntTy), Site.Index), Ctx.IntTy,
        Site.Loc);
    DeferEvent[Event] = Site.Index;
    return Event;
  }

  /// `return e;` ==> `{ e; goto <its entry into the chain>; }`
  Stmt *exitFrom(ReturnStmt *R) {
    std::vector<Stmt *> Stmts;
    if (Expr *Value = R->getRetValue())
      Stmts.push_back(Value);
    GotoStmt *Jump = jump(nullptr);
    Jump->setGotoLoc(R->getReturnLoc());
    SourceLocation AtEnd = B.Loc;
    B.Loc = R->getReturnLoc();
    Stmts.push_back(Jump);
    Exits.push_back(Jump);
    CompoundStmt *Exit = B.block(Stmts);
    B.Loc = AtEnd;
    return Exit;
  }

  GotoStmt *jump(LabelDecl *Target) { return cast<GotoStmt>(B.jump(Target)); }

  /// Not AstBuilder's labels: those are added to the function for good.
  LabelStmt *labeled(LabelDecl *&Label, Stmt *Sub) {
    SourceLocation Loc = B.Loc;
    Label = LabelDecl::Create(Ctx, F.Function, Loc, &Ctx.Idents.get(
        "__cdefer_exit_" + std::to_string(LabelCount++)));
    auto *LS = new (Ctx) LabelStmt(Loc, Label, Sub);
    Label->setStmt(LS);
    return LS;
  }
  unsigned LabelCount = 0;

  Stmt *plainReturn() { return B.ret(nullptr); }

  // --- Which defers each exit has executed. ---

  std::vector<Executed> executedAtExits(CompoundStmt *Body) {
    LabelDecl *End;
    Stmt *EndStmt = labeled(End, plainReturn());
    for (GotoStmt *G : Exits)
      G->setLabel(End);
    CompoundStmt *Probe = B.block({Body, Exits.back(), EndStmt});
    CFG::BuildOptions Options;
    Options.PruneTriviallyFalseEdges = true;
    Options.setAllAlwaysAdd();
    std::unique_ptr<CFG> G =
        CFG::buildCFG(F.Function, Probe, &Ctx, Options);
    // Without a CFG nothing is known: every defer may or may not have run.
    std::vector<Executed> Facts(Exits.size(),
                                {llvm::BitVector(N), llvm::BitVector(N, true)});
    if (!G)
      return Facts;
    std::vector<Executed> Out = solve(*G);
    llvm::DenseMap<const Stmt *, size_t> ExitIndex;
    for (size_t I = 0; I < Exits.size(); ++I)
      ExitIndex[Exits[I]] = I;
    // An exit the CFG leaves out cannot be reached: it has run nothing.
    for (Executed &E : Facts)
      E = {llvm::BitVector(N, true), llvm::BitVector(N)};
    for (const CFGBlock *B : *G)
      if (const Stmt *T = B->getTerminatorStmt())
        if (auto It = ExitIndex.find(T); It != ExitIndex.end())
          Facts[It->second] = Out[B->getBlockID()];
    return Facts;
  }

  /// Forward dataflow to a fixpoint: Must shrinks and May grows, from
  /// "everything" and "nothing" (the values of blocks nothing reaches).
  std::vector<Executed> solve(const CFG &G) {
    std::vector<Executed> Out(G.getNumBlockIDs(),
                              {llvm::BitVector(N, true), llvm::BitVector(N)});
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const CFGBlock *B : G) {
        Executed Next = entering(G, *B, Out);
        for (const CFGElement &E : *B)
          if (auto S = E.getAs<CFGStmt>())
            if (auto It = DeferEvent.find(S->getStmt());
                It != DeferEvent.end()) {
              Next.Must.set(It->second);
              Next.May.set(It->second);
            }
        Executed &Old = Out[B->getBlockID()];
        if (Next.Must != Old.Must || Next.May != Old.May) {
          Old = std::move(Next);
          Changed = true;
        }
      }
    }
    return Out;
  }

  Executed entering(const CFG &G, const CFGBlock &B,
                    const std::vector<Executed> &Out) const {
    if (&B == &G.getEntry())
      return {llvm::BitVector(N), llvm::BitVector(N)};
    Executed In{llvm::BitVector(N, true), llvm::BitVector(N)};
    for (const CFGBlock *P : B.preds())
      if (P) {
        In.Must &= Out[P->getBlockID()].Must;
        In.May |= Out[P->getBlockID()].May;
      }
    return In;
  }

  // --- The cleanup chain. ---

  CompoundStmt *chain(CompoundStmt *Body, const std::vector<unsigned> &Order,
                      const std::vector<Executed> &Facts) {
    // Each exit enters at the first deferred code it may have to run.
    std::vector<size_t> Entry(Exits.size(), Order.size());
    for (size_t E = 0; E < Exits.size(); ++E)
      for (size_t J = 0; J < Order.size(); ++J)
        if (Facts[E].May.test(Order[J])) {
          Entry[E] = J;
          break;
        }
    VarDecl *Opaque = opaqueCondition();
    std::vector<Stmt *> All = {B.declare(Opaque), Body, Exits.back()};
    std::vector<LabelDecl *> Labels(Order.size() + 1);
    for (size_t J = 0; J < Order.size(); ++J) {
      const DeferSite &Site = F.Sites[Order[J]];
      bool Certain = true;
      for (size_t E = 0; E < Exits.size(); ++E)
        if (Entry[E] <= J && !Facts[E].Must.test(Order[J]))
          Certain = false;
      // A block that is a function of its own now is read as it was,
      // running its own defers when it ends.
      Stmt *Step =
          Site.Outlined ? asItRuns(Site.Outlined, Opaque) : Site.Deferred;
      if (!Certain) {
        SourceLocation AtEnd = B.Loc;
        B.Loc = Site.Loc;
        Step = B.ifThen(B.load(B.ref(Opaque)), Step);
        B.Loc = AtEnd;
      }
      All.push_back(labeled(Labels[J], Step));
    }
    All.push_back(labeled(Labels[Order.size()], plainReturn()));
    for (size_t E = 0; E < Exits.size(); ++E)
      Exits[E]->setLabel(Labels[Entry[E]]);
    return B.block(All);
  }

  // --- Deferred blocks with defers of their own. ---

  /// Such a block runs its defers when it ends, last deferred first
  /// (OutlineDeferred.h): `{ lock(&m); defer unlock(&m); n++; }` reads as
  /// `{ lock(&m); ; n++; unlock(&m); }`, and so on down. A block has no
  /// `return`, and no jump out of it, so its end is its only exit: a defer
  /// among its own statements has certainly run there unless a label lets a
  /// `goto` skip it; one in a branch or a loop runs under \p Opaque.
  Stmt *asItRuns(Stmt *Block, VarDecl *Opaque) {
    std::vector<std::pair<Stmt *, bool>> Nested; // deferred code, certain
    bool Labels = hasLabel(Block);
    for (Stmt *&Child : evaluatedChildren(Block))
      takeNested(Child, Nested, !Labels);
    if (Nested.empty())
      return Block;
    std::vector<Stmt *> Runs = {Block};
    for (auto It = Nested.rbegin(); It != Nested.rend(); ++It) {
      Stmt *Code = asItRuns(It->first, Opaque);
      Runs.push_back(It->second ? Code
                                : B.ifThen(B.load(B.ref(Opaque)), Code));
    }
    return B.block(Runs);
  }

  /// Moves the defers in \p Slot (not those in deeper deferred code) to
  /// \p Nested, in source order, leaving a null statement.
  void takeNested(Stmt *&Slot, std::vector<std::pair<Stmt *, bool>> &Nested,
                  bool Certain) {
    Stmt *St = Slot;
    if (!St || isa<BlockExpr>(St))
      return;
    Stmt *Deferred = nullptr;
    if (AttributedStmt *Defer = asDefer(St))
      Deferred = Defer->getSubStmt();
    else if (LabelStmt *Labeled = asLabeledDefer(St))
      Deferred = Labeled->getSubStmt();
    if (Deferred) {
      Nested.push_back({Deferred, Certain});
      return set(Slot, new (Ctx) NullStmt(St->getBeginLoc()));
    }
    for (Stmt *&Child : evaluatedChildren(St))
      takeNested(Child, Nested, false);
  }

  static bool hasLabel(const Stmt *St) {
    if (!St || isa<BlockExpr>(St))
      return false;
    if (isa<LabelStmt>(St))
      return true;
    return llvm::any_of(evaluatedChildren(St),
                        [](const Stmt *Child) { return hasLabel(Child); });
  }

  /// int __cdefer_some_paths; never assigned: no analysis can tell which
  /// way a test of it goes. Not AstBuilder's locals: those are added to the
  /// function for good.
  VarDecl *opaqueCondition() {
    return VarDecl::Create(Ctx, F.Function, B.Loc, B.Loc,
                           &Ctx.Idents.get("__cdefer_some_paths"), Ctx.IntTy,
                           Ctx.getTrivialTypeSourceInfo(Ctx.IntTy, B.Loc),
                           SC_None);
  }
};

} // namespace

ExitView::ExitView(ASTContext &Ctx, FunctionDefers &F,
                   const std::vector<unsigned> &ExitOrder)
    : F(F), OriginalBody(F.Function->getBody()) {
  F.Function->setBody(ViewBuilder(Ctx, F, Undo).build(ExitOrder));
}

ExitView::~ExitView() {
  for (auto It = Undo.rbegin(); It != Undo.rend(); ++It)
    *It->first = It->second;
  F.Function->setBody(OriginalBody);
}

} // namespace cdefer
