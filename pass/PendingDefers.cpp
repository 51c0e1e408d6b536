//===- PendingDefers.cpp - where in a function a defer may be pending -----===//
//
// Most functions call something before their first defer (the malloc or
// lock that the defer releases). Without this, each such call got a landing
// pad that told the runtime the exception had landed, found no defer to run
// and resumed the unwinding. With the same for the last deferred call
// (UnwindPass.cpp), bench's critical() went from 110 to 88 bytes at -O2,
// and defer_call from 44 to 10, as small as with _Defer -fexceptions.
//
//===----------------------------------------------------------------------===//
#include "PendingDefers.h"
#include "Abi.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace cdefer {
namespace {

/// Whether \p U, a use of the defer state outside the exit sequence, leaves
/// every defer as it was: it reads the state, starts it empty, or marks
/// its lifetime.
bool recordsNothing(const Use &U) {
  const auto *I = cast<Instruction>(U.getUser());
  if (isa<LoadInst>(I))
    return true;
  if (const auto *S = dyn_cast<StoreInst>(I))
    if (U.getOperandNo() == S->getPointerOperandIndex())
      if (const auto *C = dyn_cast<Constant>(S->getValueOperand()))
        return C->isNullValue();
  if (const auto *II = dyn_cast<IntrinsicInst>(I))
    return II->isLifetimeStartOrEnd();
  if (const auto *Call = dyn_cast<CallInst>(I))
    if (const Function *Callee = Call->getCalledFunction())
      return Callee->getName() == helper::FrameStart ||
             Callee->getName() == helper::FrameStartLarge;
  return false;
}

} // namespace

PendingDefers::PendingDefers(Function &F, AllocaInst *State,
                             const SetVector<BasicBlock *> &ExitSequence,
                             bool ReturnsTwice) {
  if (!State || ReturnsTwice) {
    Everywhere = true;
    return;
  }
  findRecordingPoints(State, ExitSequence);
  ReachedAtEntry.resize(F.getMaxBlockNumber());
  propagate();
}

void PendingDefers::findRecordingPoints(AllocaInst *State,
                                        const SetVector<BasicBlock *> &Exit) {
  for (const Use &U : State->uses()) {
    const auto *I = cast<Instruction>(U.getUser());
    const BasicBlock *BB = I->getParent();
    if (Exit.contains(const_cast<BasicBlock *>(BB)) || recordsNothing(U))
      continue;
    const Instruction *&First = FirstRecord[BB];
    if (!First || I->comesBefore(First))
      First = I;
  }
}

void PendingDefers::propagate() {
  SmallVector<const BasicBlock *, 16> Work;
  for (auto &[BB, First] : FirstRecord)
    Work.append(succ_begin(BB), succ_end(BB));
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    if (!ReachedAtEntry.test(BB->getNumber())) {
      ReachedAtEntry.set(BB->getNumber());
      Work.append(succ_begin(BB), succ_end(BB));
    }
  }
}

bool PendingDefers::mayBePendingAt(const Instruction &I) const {
  if (Everywhere)
    return true;
  const BasicBlock *BB = I.getParent();
  // Blocks made after the analysis have numbers past the end; they are
  // not asked about (UnwindPass decides before it splits any).
  if (BB->getNumber() < ReachedAtEntry.size() &&
      ReachedAtEntry.test(BB->getNumber()))
    return true;
  const Instruction *First = FirstRecord.lookup(BB);
  return First && First->comesBefore(&I);
}

} // namespace cdefer
