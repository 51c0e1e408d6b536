//===- UnwindPass.cpp - run a frame's defers when a panic unwinds it ------===//
//
// A panic (runtime/src/panic.c) unwinds the stack with the Itanium unwinder,
// which stops only at landing pads. This pass gives every function with
// defers one, at zero cost on the normal path: the cost is in tables and in
// code that runs only while unwinding.
//
// The AST lowering leaves three markers in each function with defers:
//   __cdefer_exit_mark(&bits)  the start of the exit sequence (the exit
//                          label), with the open-coded mask (or null),
//   __cdefer_site_call()   before each call-form deferred call,
//   __cdefer_site_block()  before each deferred block or expression.
// For each such function this pass
//   1. clones the exit sequence (every block reachable from the exit mark)
//      into an unwinding copy;
//   2. makes every call of the function (its body, its exit sequence and
//      the copy) an invoke whose cleanup landing pad saves the exception and
//      enters the copy. A panic in
//      deferred code thus runs the remaining defers, since the copy tests
//      the same bits and pops the same records;
//   3. turns each `ret` of the copy into: if the runtime says the panic was
//      recovered by this frame's deferred code, return normally (Go's
//      recovery: the function returns to its caller with its result as the
//      deferred code left it); otherwise resume unwinding;
//   4. sends every other `resume` of the function (from cleanups of
//      __attribute__((cleanup)) variables) into the copy as well;
//   5. deletes the markers in the normal exit sequence and turns those of the
//      copy into calls that tell the runtime which kind of deferred code
//      runs next (recover() is honoured only directly in deferred code).
// Finally it drops `nounwind` from every function defined here: CodeGen
// assumes C never unwinds, and a panic makes that false.
//
//===----------------------------------------------------------------------===//
#include "UnwindPass.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

using namespace llvm;

namespace cdefer {
namespace {

/// The runtime's entry points for code running during an unwind.
struct RuntimeHooks {
  FunctionCallee DeferredCall;  // void cdefer_unwind_deferred_call(void)
  FunctionCallee DeferredBlock; // void cdefer_unwind_deferred_block(void)
  FunctionCallee Recovered;     // bool cdefer_unwind_recovered(void *)
  FunctionCallee Personality;   // __gcc_personality_v0

  explicit RuntimeHooks(Module &M) {
    LLVMContext &C = M.getContext();
    auto *Void = FunctionType::get(Type::getVoidTy(C), false);
    auto *Check = FunctionType::get(Type::getInt1Ty(C),
                                    {PointerType::getUnqual(C)}, false);
    DeferredCall = hook(M, "cdefer_unwind_deferred_call", Void);
    DeferredBlock = hook(M, "cdefer_unwind_deferred_block", Void);
    Recovered = hook(M, "cdefer_unwind_recovered", Check);
    Personality = M.getOrInsertFunction(
        "__gcc_personality_v0", FunctionType::get(Type::getInt32Ty(C), true));
  }

private:
  static FunctionCallee hook(Module &M, StringRef Name, FunctionType *T) {
    FunctionCallee F = M.getOrInsertFunction(Name, T);
    if (auto *Fn = dyn_cast<Function>(F.getCallee()))
      Fn->addFnAttr(Attribute::NoUnwind);
    return F;
  }
};

std::vector<CallBase *> callsTo(Module &M, StringRef Name) {
  std::vector<CallBase *> Out;
  if (Function *F = M.getFunction(Name))
    for (User *U : F->users())
      if (auto *CB = dyn_cast<CallBase>(U))
        Out.push_back(CB);
  return Out;
}

bool isMarker(const CallBase *CB, StringRef Name) {
  const Function *Callee = CB->getCalledFunction();
  return Callee && Callee->getName() == Name;
}

class FunctionLowering {
public:
  FunctionLowering(Function &F, RuntimeHooks &Hooks) : F(F), Hooks(Hooks) {}

  void run(CallBase *ExitMark) {
    Bits = dyn_cast<AllocaInst>(ExitMark->getArgOperand(0)->stripPointerCasts());
    BasicBlock *Exit = SplitBlock(ExitMark->getParent(),
                                  ExitMark->getIterator(), (DominatorTree *)nullptr);
    ExitMark->eraseFromParent();
    collectRegion(Exit);
    cloneRegion();
    makeExceptionSlot(cast<BasicBlock>(Copy[Exit]));
    shadowBits();
    redirectResumes();
    finishCopyReturns();
    rewriteSiteMarkers();
    makeCallsInvoke();
    if (!F.hasPersonalityFn())
      F.setPersonalityFn(cast<Constant>(Hooks.Personality.getCallee()));
  }

private:
  Function &F;
  RuntimeHooks &Hooks;
  SetVector<BasicBlock *> Region; // the normal exit sequence
  std::vector<BasicBlock *> Cloned;
  ValueToValueMapTy Copy;
  AllocaInst *Bits = nullptr;       // open-coded: the mask of reached defers
  AllocaInst *ShadowBits = nullptr; // the copy's own mask
  StructType *PadType = nullptr;
  AllocaInst *ExceptionSlot = nullptr;
  SmallPtrSet<BasicBlock *, 16> LandingPads;
  BasicBlock *CopyEntry = nullptr;

  void collectRegion(BasicBlock *Exit) {
    Region.insert(Exit);
    for (size_t I = 0; I < Region.size(); ++I)
      for (BasicBlock *Succ : successors(Region[I]))
        Region.insert(Succ);
  }

  void cloneRegion() {
    for (BasicBlock *BB : Region) {
      BasicBlock *New = CloneBasicBlock(BB, Copy, ".unwind", &F);
      Copy[BB] = New;
      Cloned.push_back(New);
    }
    remapInstructionsInBlocks(Cloned, Copy);
    // A block of the region may also be reached from outside it (a shared
    // cleanup); its copy is not, so such incoming values go.
    for (BasicBlock *BB : Cloned)
      for (PHINode &Phi : BB->phis())
        for (unsigned I = Phi.getNumIncomingValues(); I-- > 0;)
          if (!isCloned(Phi.getIncomingBlock(I)))
            Phi.removeIncomingValue(I, false);
  }

  bool isCloned(BasicBlock *BB) const {
    return std::find(Cloned.begin(), Cloned.end(), BB) != Cloned.end();
  }

  void makeExceptionSlot(BasicBlock *Entry) {
    CopyEntry = Entry;
    LLVMContext &C = F.getContext();
    PadType = StructType::get(PointerType::getUnqual(C), Type::getInt32Ty(C));
    IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
    ExceptionSlot = B.CreateAlloca(PadType, nullptr, "cdefer.exception");
  }

  /// The copy works on a mask of its own, in memory, set from the real one
  /// in each landing pad. Sharing the real one (which the optimizer keeps in
  /// a register on the normal path) would keep it in a callee-saved register
  /// across the copy's calls, and saving that register costs the normal path
  /// a push and a pop.
  void shadowBits() {
    if (!Bits)
      return;
    IRBuilder<> B(Bits->getNextNode());
    ShadowBits = B.CreateAlloca(Bits->getAllocatedType(), nullptr,
                                "cdefer.unwind.bits");
    for (BasicBlock *BB : Cloned)
      for (Instruction &I : *BB) {
        if (auto *L = dyn_cast<LoadInst>(&I); L && L->getPointerOperand() == Bits) {
          L->setOperand(0, ShadowBits);
          L->setVolatile(true);
        }
        if (auto *S = dyn_cast<StoreInst>(&I); S && S->getPointerOperand() == Bits) {
          S->setOperand(1, ShadowBits);
          S->setVolatile(true);
        }
      }
  }

  /// Entering the copy from the function (not from the copy itself, which
  /// keeps its own mask up to date): the copy's mask starts as the real one.
  void enterShadow(IRBuilder<> &B) {
    if (Bits)
      B.CreateStore(B.CreateLoad(Bits->getAllocatedType(), Bits), ShadowBits,
                    /*isVolatile=*/true);
  }

  /// One landing pad per call, all entering the copy. With a shared one, the
  /// copy's state (which bits are set) would be a phi of the values at every
  /// call, and the normal path would keep them in registers for it; here each
  /// pad is a predecessor of its own, so the values are materialized in the
  /// pads, off the normal path.
  BasicBlock *newLandingPad(bool InCopy) {
    BasicBlock *Pad = BasicBlock::Create(F.getContext(), "cdefer.landingpad", &F);
    IRBuilder<> B(Pad);
    LandingPadInst *LP = B.CreateLandingPad(PadType, 0);
    LP->setCleanup(true);
    B.CreateStore(LP, ExceptionSlot, /*isVolatile=*/true);
    if (!InCopy)
      enterShadow(B);
    B.CreateBr(CopyEntry);
    LandingPads.insert(Pad);
    return Pad;
  }

  void redirectResumes() {
    std::vector<ResumeInst *> Resumes;
    for (BasicBlock &BB : F)
      if (auto *R = dyn_cast<ResumeInst>(BB.getTerminator()))
        Resumes.push_back(R);
    for (ResumeInst *R : Resumes) {
      IRBuilder<> B(R);
      B.CreateStore(R->getValue(), ExceptionSlot, /*isVolatile=*/true);
      if (!isCloned(R->getParent()))
        enterShadow(B);
      B.CreateBr(CopyEntry);
      R->eraseFromParent();
    }
  }

  /// ret V  ==>  if (cdefer_unwind_recovered(exception)) ret V; else resume
  void finishCopyReturns() {
    std::vector<ReturnInst *> Returns;
    for (BasicBlock *BB : Cloned)
      if (auto *R = dyn_cast<ReturnInst>(BB->getTerminator()))
        Returns.push_back(R);
    LLVMContext &C = F.getContext();
    for (ReturnInst *R : Returns) {
      BasicBlock *From = R->getParent();
      BasicBlock *Return = SplitBlock(From, R->getIterator(), (DominatorTree *)nullptr);
      BasicBlock *Resume = BasicBlock::Create(C, "cdefer.resume", &F);
      IRBuilder<> B(From->getTerminator());
      Value *Pad = B.CreateLoad(ExceptionSlot->getAllocatedType(),
                                ExceptionSlot, /*isVolatile=*/true);
      Value *Exception = B.CreateExtractValue(Pad, 0);
      Value *Recovered = B.CreateCall(Hooks.Recovered, {Exception});
      B.CreateCondBr(Recovered, Return, Resume);
      From->getTerminator()->eraseFromParent();
      IRBuilder<> RB(Resume);
      RB.CreateResume(RB.CreateLoad(ExceptionSlot->getAllocatedType(),
                                    ExceptionSlot, /*isVolatile=*/true));
    }
  }

  void rewriteSiteMarkers() {
    std::vector<CallBase *> Markers;
    for (BasicBlock &BB : F)
      for (Instruction &I : BB)
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (isMarker(CB, CallSiteMarker) || isMarker(CB, BlockSiteMarker))
            Markers.push_back(CB);
    for (CallBase *M : Markers) {
      if (isCloned(M->getParent())) {
        FunctionCallee Hook = isMarker(M, CallSiteMarker) ? Hooks.DeferredCall
                                                          : Hooks.DeferredBlock;
        IRBuilder<>(M).CreateCall(Hook);
      }
      M->eraseFromParent();
    }
  }

  /// Every call that might unwind gets an unwind edge to the landing pad.
  void makeCallsInvoke() {
    // Where each call is must be known before splitting blocks moves them.
    std::vector<std::pair<CallInst *, bool>> Calls;
    for (BasicBlock &BB : F) {
      if (LandingPads.count(&BB))
        continue;
      for (Instruction &I : BB)
        if (auto *CI = dyn_cast<CallInst>(&I))
          if (mayUnwind(CI))
            Calls.push_back({CI, isCloned(&BB)});
    }
    for (auto [CI, InCopy] : Calls) {
      CI->removeFnAttr(Attribute::NoUnwind);
      changeToInvokeAndSplitBasicBlock(CI, newLandingPad(InCopy));
    }
  }

  bool mayUnwind(const CallInst *CI) const {
    if (CI->isInlineAsm() || isa<IntrinsicInst>(CI) || CI->isMustTailCall())
      return false;
    const Function *Callee = CI->getCalledFunction();
    if (!Callee)
      return true;
    if (Callee == Hooks.Recovered.getCallee() ||
        Callee == Hooks.DeferredCall.getCallee() ||
        Callee == Hooks.DeferredBlock.getCallee())
      return false;
    // Declarations that promise not to unwind (glibc's __THROW) are
    // believed; definitions here are not: they may call code that panics.
    return !(Callee->isDeclaration() && Callee->doesNotThrow());
  }
};

} // namespace

PreservedAnalyses UnwindPass::run(Module &M, ModuleAnalysisManager &) {
  std::vector<CallBase *> Exits = callsTo(M, ExitMarker);
  if (Exits.empty())
    return PreservedAnalyses::all();
  RuntimeHooks Hooks(M);
  for (Function &F : M)
    if (!F.isDeclaration())
      F.removeFnAttr(Attribute::NoUnwind);
  for (CallBase *Exit : Exits) {
    Function &F = *Exit->getFunction();
    F.setUWTableKind(UWTableKind::Async);
    FunctionLowering(F, Hooks).run(Exit);
  }
  for (StringRef Name : {ExitMarker, CallSiteMarker, BlockSiteMarker})
    if (Function *Marker = M.getFunction(Name)) {
      for (User *U : make_early_inc_range(Marker->users()))
        cast<Instruction>(U)->eraseFromParent();
      Marker->eraseFromParent();
    }
  return PreservedAnalyses::none();
}

} // namespace cdefer
