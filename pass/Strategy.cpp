//===- Strategy.cpp - open-coded defers or runtime records ----------------===//
//
// cdefer lowers a function's defers in one of two ways, as Go does since 1.14.
//
// Open-coded: each defer statement that executes sets one bit of a hidden
// 64-bit mask and stores what it captures in hidden locals; every return jumps
// to one exit sequence that tests the bits from the last defer to the first,
// clearing each bit before running its statement. No call into the runtime,
// and when every defer is unconditional the optimizer folds the mask away,
// leaving the code a person would write by hand. This is only correct if no
// defer statement can execute twice in one call (one bit cannot count two
// runs), so it is chosen when, on the function's control-flow graph, no defer
// lies on a cycle (a loop, a backward goto, a computed goto), and there are at
// most 64 defers.
//
// Runtime records: otherwise every defer of the function pushes a record from
// the runtime's per-thread pool onto a list in the frame, with its captures
// inside the record, and the exit sequence pops the records one by one and
// dispatches each to its deferred code, still inside the function.
//
// Where no defer is in a loop and the function has no goto, control only
// moves forward in the source: no defer can repeat, and the bits follow
// source order without a control-flow graph. Elsewhere the graph decides.
// The bits are then not numbered in source order but in an order the
// defers can execute in: with no defer on a cycle, "defer B can run after
// defer A" is a partial order, and a topological order of the CFG's
// strongly connected components extends it. `goto` can make a later defer
// in the source run first; the mask then still unwinds in LIFO order.
//
// Where there is a goto, the same graph also says which declarations can
// run more than once per call (Strategy::RedeclaredVariables), whatever
// the strategy: their variables are new each time for deferred code.
//
//===----------------------------------------------------------------------===//
#include "Strategy.h"
#include "Diagnostics.h"
#include "LibraryFunctions.h"
#include "VariablyModified.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/DenseMap.h"
#include <algorithm>
#include <optional>

using namespace clang;

namespace cdefer {
namespace {

/// Strongly connected components of a CFG, numbered in reverse topological
/// order (Tarjan): a block's successors have component numbers no larger
/// than its own.
class Components {
public:
  explicit Components(const CFG &G) : Index(G.getNumBlockIDs(), Unvisited),
                                      Low(G.getNumBlockIDs()),
                                      OnStack(G.getNumBlockIDs()),
                                      Component(G.getNumBlockIDs()),
                                      SelfLoop(G.getNumBlockIDs()) {
    for (const CFGBlock *B : G)
      if (Index[B->getBlockID()] == Unvisited)
        visit(B);
    for (const CFGBlock *B : G)
      ++Size[Component[B->getBlockID()]];
  }

  unsigned count() const { return Next; }
  unsigned of(const CFGBlock *B) const { return Component[B->getBlockID()]; }
  /// True if control can come back to \p B after leaving it.
  bool onCycle(const CFGBlock *B) const {
    return SelfLoop[B->getBlockID()] || Size.lookup(of(B)) > 1;
  }

private:
  static constexpr unsigned Unvisited = ~0u;
  std::vector<unsigned> Index, Low;
  std::vector<bool> OnStack;
  std::vector<unsigned> Component;
  std::vector<bool> SelfLoop;
  llvm::DenseMap<unsigned, unsigned> Size;
  std::vector<const CFGBlock *> Stack;
  unsigned Counter = 0, Next = 0;

  static std::vector<const CFGBlock *> successors(const CFGBlock *B) {
    std::vector<const CFGBlock *> Out;
    for (const CFGBlock *S : B->succs())
      if (S)
        Out.push_back(S);
    return Out;
  }

  // Iterative, so that a function with thousands of blocks cannot overflow
  // the compiler's stack.
  void visit(const CFGBlock *Root) {
    struct Frame {
      const CFGBlock *Block;
      std::vector<const CFGBlock *> Succs;
      size_t Next;
    };
    std::vector<Frame> Work;
    auto enter = [&](const CFGBlock *B) {
      unsigned Id = B->getBlockID();
      Index[Id] = Low[Id] = Counter++;
      Stack.push_back(B);
      OnStack[Id] = true;
      Work.push_back({B, successors(B), 0});
    };
    enter(Root);
    while (!Work.empty()) {
      Frame &F = Work.back();
      unsigned Id = F.Block->getBlockID();
      if (F.Next < F.Succs.size()) {
        const CFGBlock *S = F.Succs[F.Next++];
        unsigned SId = S->getBlockID();
        if (SId == Id)
          SelfLoop[Id] = true;
        if (Index[SId] == Unvisited)
          enter(S);
        else if (OnStack[SId])
          Low[Id] = std::min(Low[Id], Index[SId]);
        continue;
      }
      if (Low[Id] == Index[Id])
        popComponent(F.Block);
      const CFGBlock *Done = F.Block;
      Work.pop_back();
      if (!Work.empty()) {
        unsigned Parent = Work.back().Block->getBlockID();
        Low[Parent] = std::min(Low[Parent], Low[Done->getBlockID()]);
      }
    }
  }

  void popComponent(const CFGBlock *Root) {
    const CFGBlock *B;
    do {
      B = Stack.back();
      Stack.pop_back();
      OnStack[B->getBlockID()] = false;
      Component[B->getBlockID()] = Next;
    } while (B != Root);
    ++Next;
  }
};

/// Where a defer statement sits in the CFG.
struct Position {
  const CFGBlock *Block = nullptr;
  unsigned Element = 0;
};

/// Replaces, wherever they are a child, the statements \p With maps.
void swapChildren(Stmt *S, const llvm::DenseMap<Stmt *, Stmt *> &With) {
  for (Stmt *&Child : evaluatedChildren(S)) {
    if (!Child)
      continue;
    auto It = With.find(Child);
    if (It != With.end())
      Child = It->second;
    else
      swapChildren(Child, With);
  }
}

/// The CFG of \p F with each defer site replaced by a marker expression.
/// Deferred code does not run where it is written, so it must not be in the
/// graph (a loop inside a deferred block does not repeat the defer), and a
/// marker, unlike an AttributedStmt or a compound statement, is always an
/// element of the block it executes in.
std::unique_ptr<CFG> buildMarkedCFG(ASTContext &Ctx, const FunctionDefers &F,
                                    std::vector<const Stmt *> &Markers) {
  llvm::DenseMap<Stmt *, Stmt *> ToMarker, Back;
  for (const DeferSite &Site : F.Sites) {
    Stmt *Marker = IntegerLiteral::Create(Ctx, llvm::APInt(32, Site.Index),
                                          Ctx.IntTy, Site.Loc);
    ToMarker[Site.Statement] = Marker;
    Back[Marker] = Site.Statement;
    Markers.push_back(Marker);
  }
  Stmt *Body = F.Function->getBody();
  swapChildren(Body, ToMarker);
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> G = CFG::buildCFG(F.Function, Body, &Ctx, Options);
  swapChildren(Body, Back);
  return G;
}

llvm::DenseMap<const Stmt *, Position> positionsOf(const CFG &G) {
  llvm::DenseMap<const Stmt *, Position> Out;
  for (const CFGBlock *B : G) {
    unsigned I = 0;
    for (const CFGElement &E : *B) {
      if (auto S = E.getAs<CFGStmt>())
        Out.try_emplace(S->getStmt(), Position{B, I});
      ++I;
    }
  }
  return Out;
}

/// The marked CFG and its cycles, built on first use: only functions
/// where a defer or a declaration might repeat need them.
struct MarkedGraph {
  MarkedGraph(ASTContext &Ctx, const FunctionDefers &F) : Ctx(Ctx), F(F) {}

  ASTContext &Ctx;
  const FunctionDefers &F;
  std::vector<const Stmt *> Markers; // by site index
  std::unique_ptr<CFG> G;
  std::optional<Components> Cycles;
  bool Built = false;

  /// The graph, or null if it could not be built.
  const CFG *get() {
    if (!Built) {
      Built = true;
      G = buildMarkedCFG(Ctx, F, Markers);
      if (G)
        Cycles.emplace(*G);
    }
    return G.get();
  }
};

/// The variables whose declaration can execute more than once per call:
/// it is in a block on a cycle of the graph.
llvm::DenseSet<const VarDecl *> redeclaredVariables(MarkedGraph &Graph) {
  llvm::DenseSet<const VarDecl *> Out;
  const CFG *G = Graph.get();
  if (!G)
    return Out;
  for (const CFGBlock *B : *G) {
    if (!Graph.Cycles->onCycle(B))
      continue;
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt()))
          for (const Decl *Dl : DS->decls())
            if (const auto *VD = dyn_cast<VarDecl>(Dl))
              Out.insert(VD);
  }
  return Out;
}

class IndirectGotoFinder : public ConstStmtVisitor<IndirectGotoFinder, bool> {
public:
  bool VisitIndirectGotoStmt(const IndirectGotoStmt *) { return true; }
  bool VisitStmt(const Stmt *S) {
    for (const Stmt *Child : evaluatedChildren(S))
      if (Child && Visit(Child))
        return true;
    return false;
  }
};

/// Says why \p Site can run more than once, for the remark.
std::string repeatReason(ASTContext &Ctx, const FunctionDefers &F,
                         const DeferSite &Site) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Where = "the defer at " + describeLoc(SM, Site.Loc);
  ParentMap Parents(F.Function->getBody());
  for (const Stmt *S = Parents.getParent(Site.Statement); S;
       S = Parents.getParent(S))
    if (isa<ForStmt, WhileStmt, DoStmt>(S))
      return Where + " can run more than once per call: it is inside the "
                     "loop at " +
             describeLoc(SM, S->getBeginLoc());
  if (IndirectGotoFinder().Visit(F.Function->getBody()))
    return Where + " can run more than once per call: a computed 'goto' "
                   "can reach it again";
  return Where + " can run more than once per call: a backward 'goto' can "
                 "reach it again";
}

/// Whether \p Call calls a function that returns twice (setjmp,
/// sigsetjmp, vfork).
bool returnsTwice(ASTContext &Ctx, const CallExpr *Call) {
  const FunctionDecl *Fn = Call->getDirectCallee();
  return Fn && cdefer::returnsTwice(Ctx, *Fn);
}

/// What the syntax says of a function's defers running more than once, or
/// on every path to a normal exit.
struct Repetition {
  std::vector<bool> Sites; // by site index: may run more than once per call
  std::vector<bool> SetAtExit; // by site index: see Strategy::SetAtExit
  const CallExpr *ReturnsTwice = nullptr; // setjmp and the like
  bool Gotos = false; // goto, computed goto or asm goto
};

/// One walk over a function body: which defer statements are inside a
/// loop, which ones every normal exit passes, whether there is a goto (asm
/// goto included), and a call that returns twice.
class RepeatFinder {
public:
  RepeatFinder(ASTContext &Ctx, const FunctionDefers &F) : Ctx(Ctx) {
    Found.Sites.resize(F.Sites.size());
    Found.SetAtExit.resize(F.Sites.size());
    for (const DeferSite &Site : F.Sites)
      SiteOf[Site.Statement] = Site.Index;
  }

  Repetition run(const Stmt *Body) {
    walk(Body, /*InLoop=*/false, /*TopLevel=*/true);
    // A goto, or a longjmp back to a setjmp, can run any defer again, and
    // a goto can jump over one.
    Found.Gotos = Gotos;
    if (Gotos || Found.ReturnsTwice) {
      Found.Sites.assign(Found.Sites.size(), true);
      Found.SetAtExit.assign(Found.SetAtExit.size(), false);
    }
    return std::move(Found);
  }

private:
  ASTContext &Ctx;
  llvm::DenseMap<const Stmt *, unsigned> SiteOf;
  Repetition Found;
  bool Gotos = false;
  bool Returns = false; // a return statement comes before, in source order

  /// \p TopLevel: \p S is the body or a statement of its top-level
  /// compound statements, which, with no goto, run whenever control gets
  /// past the returns written before them.
  void walk(const Stmt *S, bool InLoop, bool TopLevel) {
    if (!S)
      return;
    Gotos |= isa<GotoStmt, IndirectGotoStmt>(S);
    if (const auto *Asm = dyn_cast<GCCAsmStmt>(S))
      Gotos |= Asm->isAsmGoto();
    Returns |= isa<ReturnStmt>(S);
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && !Found.ReturnsTwice && returnsTwice(Ctx, Call))
      Found.ReturnsTwice = Call;
    auto Site = SiteOf.find(S);
    if (Site != SiteOf.end())
      Found.Sites[Site->second] = InLoop;
    InLoop |= isa<ForStmt, WhileStmt, DoStmt>(S);
    bool ChildrenTopLevel = TopLevel && isa<CompoundStmt>(S);
    for (const Stmt *Child : evaluatedChildren(S))
      walk(Child, InLoop, ChildrenTopLevel);
    // Returns counts those inside the defer statement too (Sema rejects
    // them; were one accepted, it would leave before the bit is set).
    if (Site != SiteOf.end())
      Found.SetAtExit[Site->second] = TopLevel && !Returns;
  }
};

Strategy records(std::string Reason) {
  Strategy S;
  S.Reason = std::move(Reason);
  return S;
}

/// Open-coded, the bits in source order: right where no defer is in a loop
/// and there is no goto, since control then only moves forward in the
/// source, and defers on one path run in source order.
Strategy inSourceOrder(const FunctionDefers &F) {
  Strategy S;
  S.OpenCoded = true;
  S.Bit.resize(F.Sites.size());
  for (const DeferSite &Site : F.Sites)
    S.Bit[Site.Index] = Site.Index;
  return S;
}

Strategy choose(ASTContext &Ctx, const FunctionDefers &F, bool ForceRuntime,
                const Repetition &Repeats, MarkedGraph &Graph) {
  if (ForceRuntime)
    return records("forced by -fplugin-arg-cdefer-strategy=runtime");
  if (F.Sites.size() > MaxOpenCodedDefers)
    return records(std::to_string(F.Sites.size()) +
                   " defer statements, more than the " +
                   std::to_string(MaxOpenCodedDefers) +
                   " that open coding handles");
  // A longjmp back to a setjmp of this function can run any defer again,
  // and the control-flow graph does not show that edge (Go's rule: a defer
  // executed k times runs k times).
  if (const CallExpr *Call = Repeats.ReturnsTwice)
    return records("it calls '" + Call->getDirectCallee()->getName().str() +
                   "' at " + describeLoc(Ctx.getSourceManager(),
                                         Call->getBeginLoc()) +
                   ", which returns twice: a longjmp can run its defers "
                   "again");
  // The control-flow graph is needed only where a defer might repeat
  // (building it was a third of the plugin's AST work on bench's
  // 200-function file, whose defers never do).
  if (!llvm::is_contained(Repeats.Sites, true))
    return inSourceOrder(F);
  const CFG *G = Graph.get();
  if (!G)
    return records("its control-flow graph could not be built");
  const Components &SCC = *Graph.Cycles;
  auto Positions = positionsOf(*G);

  // Unreachable defers never run; any bit serves them. Reachable ones are
  // ordered by component (topological order) then by place in their block.
  std::vector<std::pair<uint64_t, unsigned>> Order;
  for (const DeferSite &Site : F.Sites) {
    auto It = Positions.find(Graph.Markers[Site.Index]);
    if (It == Positions.end()) {
      Order.push_back({~0ull, Site.Index});
      continue;
    }
    const Position &P = It->second;
    if (SCC.onCycle(P.Block))
      return records(repeatReason(Ctx, F, Site));
    uint64_t Topo = SCC.count() - 1 - SCC.of(P.Block);
    Order.push_back({Topo << 32 | P.Element, Site.Index});
  }
  std::sort(Order.begin(), Order.end()); // pairs are unique: Index differs
  Strategy S;
  S.OpenCoded = true;
  S.Bit.resize(F.Sites.size());
  for (unsigned Bit = 0; Bit < Order.size(); ++Bit)
    S.Bit[Order[Bit].second] = Bit;
  return S;
}

} // namespace

Strategy chooseStrategy(ASTContext &Ctx, const FunctionDefers &F,
                        bool ForceRuntime) {
  Repetition Repeats = RepeatFinder(Ctx, F).run(F.Function->getBody());
  MarkedGraph Graph(Ctx, F);
  Strategy S = choose(Ctx, F, ForceRuntime, Repeats, Graph);
  // Without a goto, only loops repeat code, and the variables they declare
  // are of inner blocks, already one per execution (SharedVariables.h).
  if (Repeats.Gotos)
    S.RedeclaredVariables = redeclaredVariables(Graph);
  S.Repeats = std::move(Repeats.Sites);
  S.SetAtExit = std::move(Repeats.SetAtExit);
  S.ReturnsTwice = Repeats.ReturnsTwice;
  return S;
}

} // namespace cdefer
