//===- Reachability.cpp - which statements may run after which ------------===//
#include "Reachability.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace cdefer {

void Reachability::build() {
  Built = true;
  CFG::BuildOptions Options;
  Options.PruneTriviallyFalseEdges = true;
  Options.setAllAlwaysAdd(); // every expression an element of its own
  Graph = CFG::buildCFG(&FD, FD.getBody(), &Ctx, Options);
  if (!Graph)
    return;
  for (const CFGBlock *B : *Graph) {
    unsigned I = 0;
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        PositionOf.try_emplace(S->getStmt(), Position{B, I++});
  }
}

bool Reachability::reaches(const CFGBlock *From, const CFGBlock *To) const {
  llvm::SmallPtrSet<const CFGBlock *, 32> Seen;
  llvm::SmallVector<const CFGBlock *, 32> Work;
  auto Push = [&](const CFGBlock *B) {
    for (const CFGBlock *Next : B->succs())
      if (Next && Seen.insert(Next).second)
        Work.push_back(Next);
  };
  Push(From);
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (B == To)
      return true;
    Push(B);
  }
  return false;
}

bool Reachability::mayRunAfter(const Stmt *Earlier, const Stmt *Later) {
  if (!Built)
    build();
  auto E = PositionOf.find(Earlier), L = PositionOf.find(Later);
  if (!Graph || E == PositionOf.end() || L == PositionOf.end())
    return true;
  if (E->second.Block == L->second.Block && E->second.Index < L->second.Index)
    return true;
  return reaches(E->second.Block, L->second.Block);
}

} // namespace cdefer
