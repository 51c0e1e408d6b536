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
//===----------------------------------------------------------------------===//
#include "OwnLandPass.h"
#include "Abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

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
  for (CallInst *Call : InOwnFrame)
    Call->eraseFromParent();
  return InOwnFrame.empty() ? PreservedAnalyses::all()
                            : PreservedAnalyses::none();
}

} // namespace cdefer
