//===- OwnLandPass.cpp - drop landing notes a frame does not need ---------===//
//
// A panic that starts in deferred code while an older one runs it aborts
// the older one when it leaves that frame: the runtime sees the stack
// pointer move past the frame, or, within one physical frame (a function
// inlined into another), is told by the landing pads it enters
// (__cdefer_v1_unwind_land). A function whose deferred code cannot recover
// needs that call only where its code was inlined: in its own frame it
// costs each landing pad a runtime call, 6% of the -O2 compile of bench's
// 200-function file. UnwindPass makes the call with the function's number
// (__cdefer_v1_unwind_land_inlined), and this pass, which runs once the
// inliner is done, removes it wherever it is still in that function. What
// it leaves, or everything where it does not run, works as it is.
//
// A landing pad that had nothing else to do but resume (a panic in a
// frame's last deferred code: UnwindPass's leaveFrame) goes with it: the
// unwinder then passes the frame without stopping, and the call has no
// landing pad at all.
//
//===----------------------------------------------------------------------===//
#include "OwnLandPass.h"
#include "Abi.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Local.h"

#include <vector>

using namespace llvm;

namespace cdefer {
namespace {

constexpr const char *FrameAttribute = "cdefer-frame";

/// F's number, or 0 if it has none.
unsigned numberOf(const Function &F) {
  unsigned N = 0;
  F.getFnAttribute(FrameAttribute).getValueAsString().getAsInteger(10, N);
  return N;
}

/// Whether \p I is what a pad that only resumes is made of: saving the
/// exception in a local, and the runtime's resume of it.
bool onlyResumes(const Instruction &I) {
  if (isa<ExtractValueInst>(I) || isa<UnreachableInst>(I))
    return true;
  if (auto *Store = dyn_cast<StoreInst>(&I))
    return !Store->isVolatile() && isa<AllocaInst>(Store->getPointerOperand());
  auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee && Callee->getName() == unwindhook::Resume;
}

/// Removes \p Pad if it is a cleanup that only resumes: each call that
/// unwinds to it then has no landing pad.
void dropIfOnlyResumes(BasicBlock *Pad) {
  auto *LP = dyn_cast<LandingPadInst>(Pad->getFirstNonPHIIt());
  if (!LP || !LP->isCleanup() || LP->getNumClauses() != 0 ||
      !llvm::all_of(make_range(std::next(LP->getIterator()), Pad->end()),
                    onlyResumes))
    return;
  for (BasicBlock *Pred : SmallVector<BasicBlock *, 4>(predecessors(Pad)))
    removeUnwindEdge(Pred);
  DeleteDeadBlock(Pad);
}

} // namespace

void setFrameNumber(Function &F, unsigned N) {
  F.addFnAttr(FrameAttribute, std::to_string(N));
}

PreservedAnalyses OwnLandPass::run(Module &M, ModuleAnalysisManager &) {
  Function *Note = M.getFunction(unwindhook::LandInlined);
  if (!Note)
    return PreservedAnalyses::all();
  std::vector<CallInst *> InOwnFrame;
  for (User *U : Note->users())
    if (auto *Call = dyn_cast<CallInst>(U))
      if (auto *Frame = dyn_cast<ConstantInt>(Call->getArgOperand(1));
          Frame && Frame->getZExtValue() == numberOf(*Call->getFunction()))
        InOwnFrame.push_back(Call);
  for (CallInst *Call : InOwnFrame) {
    BasicBlock *Block = Call->getParent();
    Call->eraseFromParent();
    if (Block->isLandingPad())
      dropIfOnlyResumes(Block);
  }
  return InOwnFrame.empty() ? PreservedAnalyses::all()
                            : PreservedAnalyses::none();
}

} // namespace cdefer
