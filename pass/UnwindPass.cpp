//===- UnwindPass.cpp - run a frame's defers when a panic unwinds it ------===//
//
// A panic (runtime/src/panic.c) unwinds the stack with the Itanium unwinder,
// which stops only at landing pads. This pass gives every function with
// defers one, at zero cost on the normal path: the cost is in tables and in
// code that runs only while unwinding.
//
// The AST lowering leaves three markers in each function with defers:
//   __cdefer_exit_mark(&state)  the start of the exit sequence (the exit
//                          label), with the open-coded mask or the records
//                          frame,
//   __cdefer_site_call(fn) before each call-form deferred call, with the
//                          function it calls,
//   __cdefer_site_block()  before each deferred block or expression; it
//                          returns the block's recover() token.
// For each such function this pass
//   1. clones the exit sequence (every block reachable from the exit mark)
//      into an unwinding copy;
//   2. makes every call of the function (its body, its exit sequence and
//      the copy) an invoke whose cleanup landing pad saves the exception and
//      enters the copy. A panic in
//      deferred code thus runs the remaining defers, since the copy tests
//      the same bits and pops the same records;
//   3. turns each `ret` of a copy into: if the runtime says the panic was
//      recovered by this frame's deferred code, return normally (Go's
//      recovery: the function returns to its caller with its result as the
//      deferred code left it); otherwise resume unwinding;
//   4. sends every other `resume` of the function (from cleanups of
//      __attribute__((cleanup)) variables) into the copy as well;
//   5. deletes the markers in the normal exit sequence and turns those of the
//      copy into calls that tell the runtime which deferred code runs next
//      (recover() is honoured only directly in deferred code: Recover.cpp).
// Finally it drops `nounwind` from every function defined here: CodeGen
// assumes C never unwinds, and a panic makes that false.
//
//===----------------------------------------------------------------------===//
#include "UnwindPass.h"
#include "DeferredScopes.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
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
  FunctionCallee DeferredCall;  // void __cdefer_v1_unwind_call(void *callee)
  FunctionCallee DeferredBlock; // size_t __cdefer_v1_unwind_block(void)
  FunctionCallee Recovered;     // bool __cdefer_v1_unwind_recovered(void *)
  FunctionCallee Personality;   // __gcc_personality_v0

  explicit RuntimeHooks(Module &M) {
    LLVMContext &C = M.getContext();
    Type *Ptr = PointerType::getUnqual(C);
    Type *Size = M.getDataLayout().getIntPtrType(C);
    DeferredCall = hook(M, unwindhook::Call,
                        FunctionType::get(Type::getVoidTy(C), {Ptr}, false));
    DeferredBlock = hook(M, unwindhook::Block, FunctionType::get(Size, false));
    Recovered = hook(M, unwindhook::Recovered,
                     FunctionType::get(Type::getInt1Ty(C), {Ptr}, false));
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

std::vector<CallBase *> callsToMarker(Module &M, StringRef Name) {
  return callsTo(M, markerSymbol(Name));
}

/// A call to a record helper needs no landing pad (UnwindPass.h). Without
/// this, every one of them would get its own at -O0.
bool isRecordHelper(const Function &F) {
  return llvm::is_contained(helper::All, F.getName());
}

constexpr const char *ArmingThunkPrefix = "cdefer.arm.";

bool isArmingThunk(const Function &F) {
  return F.hasPrivateLinkage() && F.getName().starts_with(ArmingThunkPrefix);
}

bool isMarker(const CallBase *CB, StringRef Name) {
  const Function *Callee = CB->getCalledFunction();
  return Callee && Callee->getName() == markerSymbol(Name);
}

/// One clone of the exit sequence.
struct ExitCopy {
  std::vector<BasicBlock *> Blocks;
  SmallPtrSet<BasicBlock *, 32> Set;
  BasicBlock *Entry = nullptr;
  bool contains(BasicBlock *BB) const { return Set.count(BB); }
};

/// The artificial variable of the exit sequence's debug scopes: 0 at a
/// normal exit, 1 in the copies that run while a panic unwinds.
constexpr const char *UnwindingMarker = "__cdefer_unwinding";

/// Which code a block belongs to.
enum class Place { Function, Exit, First, Again };

/// Code that runs while a panic unwinds the frame.
bool inCopy(Place P) { return P == Place::First || P == Place::Again; }

class FunctionLowering {
public:
  FunctionLowering(Function &F, RuntimeHooks &Hooks) : F(F), Hooks(Hooks) {}

  void run(CallBase *ExitMark) {
    State = dyn_cast<AllocaInst>(ExitMark->getArgOperand(0)->stripPointerCasts());
    if (State && F.callsFunctionThatReturnsTwice())
      keepStateInMemory();
    BasicBlock *Exit = SplitBlock(ExitMark->getParent(),
                                  ExitMark->getIterator(), (DominatorTree *)nullptr);
    ExitMark->eraseFromParent();
    collectRegion(Exit);
    First = cloneRegion(Exit, ".unwind");
    Again = cloneRegion(Exit, ".unwind.again");
    makeSlots();
    shadowStateIn(Again);
    redirectResumes();
    finishCopyReturns(First);
    finishCopyReturns(Again);
    rewriteSiteMarkers();
    makeCallsInvoke();
    giveOwnDebugScope(F, Region.getArrayRef(), UnwindingMarker, 0);
    giveOwnDebugScope(F, First.Blocks, UnwindingMarker, 1);
    giveOwnDebugScope(F, Again.Blocks, UnwindingMarker, 1);
    if (!F.hasPersonalityFn())
      F.setPersonalityFn(cast<Constant>(Hooks.Personality.getCallee()));
  }

private:
  Function &F;
  RuntimeHooks &Hooks;
  SetVector<BasicBlock *> Region; // the normal exit sequence
  ExitCopy First, Again;
  AllocaInst *State = nullptr;  // the bits, or the records frame
  AllocaInst *Shadow = nullptr; // Again's own copy of State, in memory
  StructType *PadType = nullptr;
  AllocaInst *ExceptionSlot = nullptr;
  SmallPtrSet<BasicBlock *, 16> LandingPads;
  BasicBlock *SharedPads[4] = {}; // by Place

  Place placeOf(BasicBlock *BB) const {
    if (First.contains(BB))
      return Place::First;
    if (Again.contains(BB))
      return Place::Again;
    if (Region.count(BB))
      return Place::Exit;
    return Place::Function;
  }

  /// A longjmp back to a setjmp restores the registers setjmp saw: a state
  /// kept in one would forget the defers executed since. Letting its
  /// address escape (to an empty asm) keeps it in memory, where each defer
  /// executed before the longjmp is still recorded after it.
  void keepStateInMemory() {
    IRBuilder<> B(State->getNextNode());
    auto *T = FunctionType::get(B.getVoidTy(), {State->getType()}, false);
    B.CreateCall(InlineAsm::get(T, "", "r,~{memory}", /*hasSideEffects=*/true),
                 {State});
  }

  void collectRegion(BasicBlock *Exit) {
    Region.insert(Exit);
    for (size_t I = 0; I < Region.size(); ++I)
      for (BasicBlock *Succ : successors(Region[I]))
        Region.insert(Succ);
  }

  ExitCopy cloneRegion(BasicBlock *Exit, StringRef Suffix) {
    ExitCopy C;
    ValueToValueMapTy Map;
    for (BasicBlock *BB : Region) {
      BasicBlock *New = CloneBasicBlock(BB, Map, Suffix, &F);
      Map[BB] = New;
      C.Blocks.push_back(New);
      C.Set.insert(New);
    }
    remapInstructionsInBlocks(C.Blocks, Map);
    // A block of the region may also be reached from outside it (a shared
    // cleanup); its copy is not, so such incoming values go.
    for (BasicBlock *BB : C.Blocks)
      for (PHINode &Phi : BB->phis())
        for (unsigned I = Phi.getNumIncomingValues(); I-- > 0;)
          if (!C.contains(Phi.getIncomingBlock(I)))
            Phi.removeIncomingValue(I, false);
    C.Entry = cast<BasicBlock>(Map[Exit]);
    return C;
  }

  void makeSlots() {
    LLVMContext &C = F.getContext();
    PadType = StructType::get(PointerType::getUnqual(C), Type::getInt32Ty(C));
    IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
    ExceptionSlot = B.CreateAlloca(PadType, nullptr, "cdefer.exception");
    if (State)
      Shadow = B.CreateAlloca(State->getAllocatedType(), nullptr,
                              "cdefer.unwind.state");
  }

  /// The second copy works on a copy of the state in memory, taken from the
  /// real one when a call of the first copy unwinds. The first copy uses the
  /// real state: entered from a call of the function body, whose state the
  /// optimizer knows (which bits are set where), it folds to just the
  /// deferred code that can still be pending there, and keeps no value alive
  /// across the body's calls that the normal path does not need. A panic
  /// inside deferred code of the first copy continues in the second, which
  /// loops on its memory state: kept in registers, that state would have to
  /// survive the second copy's own calls in callee-saved registers, and
  /// saving those would cost the normal path a push and a pop.
  void shadowStateIn(ExitCopy &C) {
    if (!State)
      return;
    // The shadow lives for the whole function: the state's lifetime markers
    // do not apply to it (sanitizers would call its use out of scope).
    for (BasicBlock *BB : C.Blocks)
      for (Instruction &I : make_early_inc_range(*BB)) {
        if (auto *II = dyn_cast<IntrinsicInst>(&I); II && II->isLifetimeStartOrEnd() &&
            II->getArgOperand(II->arg_size() - 1)->stripPointerCasts() == State) {
          II->eraseFromParent();
          continue;
        }
        I.replaceUsesOfWith(State, Shadow);
      }
    SmallVector<Value *, 8> Work = {Shadow};
    SmallPtrSet<Value *, 8> Seen;
    while (!Work.empty()) {
      Value *V = Work.pop_back_val();
      if (!Seen.insert(V).second)
        continue;
      for (User *U : V->users()) {
        auto *I = dyn_cast<Instruction>(U);
        if (!I || !C.contains(I->getParent()))
          continue;
        if (auto *L = dyn_cast<LoadInst>(I))
          L->setVolatile(true);
        else if (auto *S = dyn_cast<StoreInst>(I))
          S->setVolatile(true);
        else if (isa<GetElementPtrInst>(I) || isa<CastInst>(I))
          Work.push_back(I);
      }
    }
  }

  /// Leaving the first copy for the second: the state as it stands.
  void enterAgain(IRBuilder<> &B) {
    if (State)
      B.CreateStore(B.CreateLoad(State->getAllocatedType(), State), Shadow,
                    /*isVolatile=*/true);
  }

  /// Where unwinding from code at \p From continues, storing the exception.
  void continueUnwinding(IRBuilder<> &B, Value *Exception, Place From) {
    B.CreateStore(Exception, ExceptionSlot, /*isVolatile=*/true);
    if (From == Place::First)
      enterAgain(B);
    B.CreateBr(inCopy(From) ? Again.Entry : First.Entry);
  }

  /// One landing pad per call: each is a predecessor of its own, so what
  /// the copy needs of the state is materialized in the pads, off the normal
  /// path, and the optimizer can fold the copy for each. (Pads shared by the
  /// calls of the body, the exit sequence or the first copy merge the state
  /// of every call, and the normal path pays for keeping it: three_defers in
  /// open-coded-cost.c went from 24 to 26 instructions.) The calls of the
  /// second copy share one pad: that copy works on memory, there is nothing
  /// to fold, and a pad per call made the code of a function with many
  /// defers grow by a third.
  BasicBlock *landingPadFor(Place From) {
    if (From != Place::Again)
      return newLandingPad(From);
    BasicBlock *&Shared = SharedPads[size_t(From)];
    if (!Shared)
      Shared = newLandingPad(From);
    return Shared;
  }

  BasicBlock *newLandingPad(Place From) {
    BasicBlock *Pad = BasicBlock::Create(F.getContext(), "cdefer.landingpad", &F);
    IRBuilder<> B(Pad);
    LandingPadInst *LP = B.CreateLandingPad(PadType, 0);
    LP->setCleanup(true);
    continueUnwinding(B, LP, From);
    LandingPads.insert(Pad);
    return Pad;
  }

  /// Cleanups of __attribute__((cleanup)) variables end in `resume`: it
  /// continues into the copies as well.
  void redirectResumes() {
    std::vector<ResumeInst *> Resumes;
    for (BasicBlock &BB : F)
      if (auto *R = dyn_cast<ResumeInst>(BB.getTerminator()))
        Resumes.push_back(R);
    for (ResumeInst *R : Resumes) {
      IRBuilder<> B(R);
      continueUnwinding(B, R->getValue(), placeOf(R->getParent()));
      R->eraseFromParent();
    }
  }

  /// ret V  ==>  if (__cdefer_v1_unwind_recovered(exception)) ret V; else resume
  void finishCopyReturns(ExitCopy &C) {
    std::vector<ReturnInst *> Returns;
    for (BasicBlock *BB : C.Blocks)
      if (auto *R = dyn_cast<ReturnInst>(BB->getTerminator()))
        Returns.push_back(R);
    LLVMContext &Ctx = F.getContext();
    for (ReturnInst *R : Returns) {
      BasicBlock *From = R->getParent();
      BasicBlock *Return = SplitBlock(From, R->getIterator(), (DominatorTree *)nullptr);
      BasicBlock *Resume = BasicBlock::Create(Ctx, "cdefer.resume", &F);
      IRBuilder<> B(From->getTerminator());
      Value *Pad = B.CreateLoad(PadType, ExceptionSlot, /*isVolatile=*/true);
      Value *Recovered = B.CreateCall(Hooks.Recovered, {B.CreateExtractValue(Pad, 0)});
      B.CreateCondBr(Recovered, Return, Resume);
      From->getTerminator()->eraseFromParent();
      IRBuilder<> RB(Resume);
      RB.CreateResume(RB.CreateLoad(PadType, ExceptionSlot, /*isVolatile=*/true));
    }
  }

  /// In the unwinding copies a marker tells the runtime which deferred code
  /// runs next: the function a call-form defer calls, or a block, which
  /// gets its recover() token back. On the normal exit no panic runs it:
  /// the marker goes, and a block's token is 0.
  void rewriteSiteMarkers() {
    std::vector<CallBase *> Markers;
    for (BasicBlock &BB : F)
      for (Instruction &I : BB)
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (isMarker(CB, CallSiteMarker) || isMarker(CB, BlockSiteMarker))
            Markers.push_back(CB);
    for (CallBase *M : Markers) {
      bool IsCall = isMarker(M, CallSiteMarker);
      Value *Replacement = nullptr;
      if (inCopy(placeOf(M->getParent()))) {
        IRBuilder<> B(M);
        Replacement = IsCall ? armDeferredCall(B, M->getArgOperand(0))
                             : B.CreateCall(Hooks.DeferredBlock);
      } else if (!M->getType()->isVoidTy()) {
        Replacement = Constant::getNullValue(M->getType());
      }
      if (!M->getType()->isVoidTy())
        M->replaceAllUsesWith(Replacement);
      Value *Callee = IsCall ? M->getArgOperand(0) : nullptr;
      M->eraseFromParent();
      if (Callee)
        RecursivelyDeleteTriviallyDeadInstructions(Callee);
    }
  }

  /// __cdefer_v1_unwind_call(callee), or, for a function the deferred call
  /// names, a call with no operand to a thunk that makes it. A function's
  /// address is loop-invariant: machine LICM hoists it out of the second
  /// copy's loop into a callee-saved register, whose save and restore would
  /// cost the normal path a push and a pop.
  CallInst *armDeferredCall(IRBuilder<> &B, Value *Callee) {
    auto *Fn = dyn_cast<Function>(Callee->stripPointerCasts());
    if (!Fn)
      return B.CreateCall(Hooks.DeferredCall, {Callee});
    return B.CreateCall(armingThunk(*Fn));
  }

  /// static void cdefer.arm.<fn>(void) { __cdefer_v1_unwind_call(fn); }
  Function *armingThunk(Function &Callee) {
    Module &M = *F.getParent();
    std::string Name = (ArmingThunkPrefix + Callee.getName()).str();
    if (Function *Existing = M.getFunction(Name))
      return Existing;
    auto *T = FunctionType::get(Type::getVoidTy(M.getContext()), false);
    Function *Thunk =
        Function::Create(T, GlobalValue::PrivateLinkage, Name, &M);
    Thunk->addFnAttr(Attribute::NoInline);
    Thunk->addFnAttr(Attribute::NoUnwind);
    Thunk->addFnAttr(Attribute::Cold);
    IRBuilder<> B(BasicBlock::Create(M.getContext(), "", Thunk));
    B.CreateCall(Hooks.DeferredCall, {&Callee})->setTailCall();
    B.CreateRetVoid();
    return Thunk;
  }

  /// Every call that might unwind gets an unwind edge to a landing pad.
  void makeCallsInvoke() {
    // Where each call is must be known before splitting blocks moves them.
    std::vector<std::pair<CallInst *, Place>> Calls;
    for (BasicBlock &BB : F) {
      if (LandingPads.count(&BB))
        continue;
      for (Instruction &I : BB)
        if (auto *CI = dyn_cast<CallInst>(&I))
          if (mayUnwind(CI))
            Calls.push_back({CI, placeOf(&BB)});
    }
    for (auto [CI, From] : Calls) {
      CI->removeFnAttr(Attribute::NoUnwind);
      changeToInvokeAndSplitBasicBlock(CI, landingPadFor(From));
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
        Callee == Hooks.DeferredBlock.getCallee() || isRecordHelper(*Callee) ||
        isArmingThunk(*Callee))
      return false;
    // Declarations that promise not to unwind (glibc's __THROW) are
    // believed; definitions here are not: they may call code that panics.
    return !(Callee->isDeclaration() && Callee->doesNotThrow());
  }
};

/// __cdefer_alloca(bytes, align) ==> alloca i8, bytes: stack memory that,
/// unlike a variable-length array's, no scope exit releases.
void lowerAllocaMarkers(Module &M) {
  for (CallBase *Call : callsToMarker(M, AllocaMarker)) {
    uint64_t Alignment = 16;
    if (auto *C = dyn_cast<ConstantInt>(Call->getArgOperand(1)))
      Alignment = C->getZExtValue();
    auto *Memory = new AllocaInst(Type::getInt8Ty(M.getContext()),
                                  M.getDataLayout().getAllocaAddrSpace(),
                                  Call->getArgOperand(0), Align(Alignment),
                                  "cdefer.vla", Call->getIterator());
    Call->replaceAllUsesWith(Memory);
    Call->eraseFromParent();
  }
}

} // namespace

std::string markerSymbol(StringRef Name) {
  return (Name + ": cdefer's IR pass did not run on this code; compile it "
                 "with -fpass-plugin=<prefix>/lib/cdefer/cdefer.so as well as "
                 "-fplugin (cdefer-cc does)")
      .str();
}

PreservedAnalyses UnwindPass::run(Module &M, ModuleAnalysisManager &) {
  lowerAllocaMarkers(M);
  std::vector<CallBase *> Exits = callsToMarker(M, ExitMarker);
  if (Exits.empty())
    return PreservedAnalyses::all();
  RuntimeHooks Hooks(M);
  for (Function &F : M)
    if (!F.isDeclaration() && !isRecordHelper(F))
      F.removeFnAttr(Attribute::NoUnwind);
  for (CallBase *Exit : Exits) {
    Function &F = *Exit->getFunction();
    F.setUWTableKind(UWTableKind::Async);
    FunctionLowering(F, Hooks).run(Exit);
  }
  for (StringRef Name :
       {ExitMarker, CallSiteMarker, BlockSiteMarker, AllocaMarker})
    if (Function *Marker = M.getFunction(markerSymbol(Name))) {
      for (User *U : make_early_inc_range(Marker->users()))
        cast<Instruction>(U)->eraseFromParent();
      Marker->eraseFromParent();
    }
  return PreservedAnalyses::none();
}

} // namespace cdefer
