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
//   __cdefer_site_call(fn, set) before each call-form deferred call, with
//                          the function it calls,
//   __cdefer_site_block(set) before each deferred block or expression; it
//                          returns the block's recover() token.
// set: every normal exit has set the site's bit (open-coded), so that the
// exit sequence needs no test of it (dropTestsOfSetBits).
// For each such function this pass
//   1. clones the exit sequence (every block reachable from the exit mark)
//      into one unwinding copy, which the runtime is told about on entry
//      (__cdefer_v1_unwind_land: which frame the exception landed in);
//   2. makes every call of the function (its body, its exit sequence and
//      the copy) where a panic would find deferred code to run an invoke
//      whose cleanup landing pad saves the exception and enters the copy
//      (a function where there is no such call gets no copy). A panic in
//      deferred code thus runs the remaining defers, since the copy tests
//      the same bits and pops the same records. How the copy continues
//      after such a panic is its Shape: at the next site (Chain, optimized
//      open-coded code, where the optimizer then folds the copy for each
//      landing pad of the body, and no bit needs clearing) or from its
//      start (Loop, where each bit is cleared before its code runs);
//   3. puts before each `ret` of the copy a call that resumes unwinding
//      unless the panic was recovered by this frame's deferred code, when it
//      returns and so does the function (Go's recovery: the function returns
//      to its caller with its result as the deferred code left it). Where no
//      deferred code of the frame can recover, the ret becomes a resume;
//   4. sends every other `resume` of the function (from cleanups of
//      __attribute__((cleanup)) variables) into the copy as well;
//   5. deletes the markers in the normal exit sequence and turns those of the
//      copy into calls that tell the runtime which deferred code runs next
//      where that code may call recover() (it is honoured only directly in
//      deferred code: Recover.cpp); the others go too.
// Finally it drops `nounwind` from every function defined here: CodeGen
// assumes C never unwinds, and a panic makes that false.
//
//===----------------------------------------------------------------------===//
#include "UnwindPass.h"
#include "CapturedDebugInfo.h"
#include "DeferredScopes.h"
#include "OwnLandPass.h"
#include "PendingDefers.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <optional>

using namespace llvm;

namespace cdefer {
namespace {

/// The runtime's entry points for code running during an unwind.
struct RuntimeHooks {
  FunctionCallee DeferredCall;  // void __cdefer_v1_unwind_call(void *callee)
  FunctionCallee DeferredBlock; // size_t __cdefer_v1_unwind_block(void)
  FunctionCallee Finish;        // void __cdefer_v1_unwind_finish(void *)
  // void __cdefer_v1_unwind_finish_noreturn(void *, const char *function)
  FunctionCallee FinishNoReturn;
  FunctionCallee Land;          // void __cdefer_v1_unwind_land(void **slot)
  FunctionCallee LandInlined;   // ... _land_inlined(void **slot, unsigned)
  unsigned FramesNumbered = 0;  // for setFrameNumber
  FunctionCallee Resume;        // noreturn void __cdefer_v1_unwind_resume(void *)
  FunctionCallee Personality;   // __cdefer_v1_personality
  // The site markers the AST lowering left (null when it left none).
  const Function *CallSite, *BlockSite;
  // The functions defined here that take the recover() token at entry
  // (Recover.cpp): only they can recover as a deferred call.
  SmallPtrSet<const Function *, 8> TakeToken;

  explicit RuntimeHooks(Module &M)
      : CallSite(M.getFunction(markerSymbol(CallSiteMarker))),
        BlockSite(M.getFunction(markerSymbol(BlockSiteMarker))) {
    LLVMContext &C = M.getContext();
    Type *Ptr = PointerType::getUnqual(C);
    Type *Size = M.getDataLayout().getIntPtrType(C);
    DeferredCall = hook(M, unwindhook::Call,
                        FunctionType::get(Type::getVoidTy(C), {Ptr}, false));
    DeferredBlock = hook(M, unwindhook::Block, FunctionType::get(Size, false));
    Land = hook(M, unwindhook::Land,
                FunctionType::get(Type::getVoidTy(C), {Ptr}, false));
    LandInlined = hook(M, unwindhook::LandInlined,
                       FunctionType::get(Type::getVoidTy(C),
                                         {Ptr, Type::getInt32Ty(C)}, false));
    // These two unwind: not nounwind.
    Finish = M.getOrInsertFunction(
        unwindhook::Finish, FunctionType::get(Type::getVoidTy(C), {Ptr}, false));
    Resume = M.getOrInsertFunction(
        unwindhook::Resume, FunctionType::get(Type::getVoidTy(C), {Ptr}, false));
    FinishNoReturn = M.getOrInsertFunction(
        unwindhook::FinishNoReturn,
        FunctionType::get(Type::getVoidTy(C), {Ptr, Ptr}, false));
    for (FunctionCallee Never : {Resume, FinishNoReturn})
      if (auto *Fn = dyn_cast<Function>(Never.getCallee()))
        Fn->addFnAttr(Attribute::NoReturn);
    Personality = M.getOrInsertFunction(
        unwindhook::Personality, FunctionType::get(Type::getInt32Ty(C), true));
    if (Function *Entry = M.getFunction(recovery::EntryToken))
      for (User *U : Entry->users())
        if (auto *CB = dyn_cast<CallBase>(U))
          TakeToken.insert(CB->getFunction());
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
  StringRef Name = F.getName();
  return Name.starts_with("__cdefer_") && llvm::is_contained(helper::All, Name);
}

constexpr const char *ArmingThunkPrefix = "cdefer.arm.";

bool isArmingThunk(const Function &F) {
  return F.hasPrivateLinkage() && F.getName().starts_with(ArmingThunkPrefix);
}

/// Whether the deferred code after site marker \p M can call recover()
/// directly (Go's rule, panic.c): a block whose token is used, or a call of
/// a function that may take the token. A function defined here, exactly as
/// it will be linked, can be asked; a null callee is a builtin.
bool mayRecover(const CallBase *M, const RuntimeHooks &Hooks) {
  if (M->getCalledFunction() == Hooks.BlockSite)
    return !M->use_empty();
  const Value *Callee = M->getArgOperand(0)->stripPointerCasts();
  if (isa<ConstantPointerNull>(Callee))
    return false;
  if (auto *Fn = dyn_cast<Function>(Callee);
      Fn && !Fn->isDeclaration() && Fn->isDefinitionExact())
    return Hooks.TakeToken.count(Fn);
  return true;
}

/// One clone of the exit sequence: Blocks[i] is the clone of Region[i].
struct ExitCopy {
  std::vector<BasicBlock *> Blocks;
  SmallPtrSet<BasicBlock *, 32> Set;
  BasicBlock *Entry = nullptr;
  bool contains(BasicBlock *BB) const { return Set.count(BB); }
};

/// The artificial variable of the exit sequence's debug scopes: 0 at a
/// normal exit, 1 in the copy that runs while a panic unwinds.
constexpr const char *UnwindingMarker = "__cdefer_unwinding";

/// How the unwinding copy continues after a panic in its own deferred code.
enum class Shape {
  /// Open-coded, optimized: the copy works on the real mask. A panic in
  /// site k's deferred code continues at the test of the next site, so the
  /// copy is acyclic and the optimizer folds it for each landing pad of the
  /// body, where it knows which bits are set.
  Chain,
  /// The copy starts over, on state in memory: at -O0 the mask or the
  /// records frame, optimized their shadow (shadowStateIn), and with very
  /// many sites the records frame itself (manySites).
  Loop,
};

/// The deferred code of one site of the exit sequence: the blocks between
/// its bit's test and the test of the next site.
struct SiteCode {
  unsigned Next = 0;                  // Region index of the next test
  SmallVector<unsigned, 4> Blocks;    // Region indices of its code
};

class FunctionLowering {
public:
  FunctionLowering(Function &F, RuntimeHooks &Hooks) : F(F), Hooks(Hooks) {}

  void run(CallBase *ExitMark) {
    State = dyn_cast<AllocaInst>(ExitMark->getArgOperand(0)->stripPointerCasts());
    if (ExitMark->arg_size() > 1)
      if (auto *Flag = dyn_cast<ConstantInt>(ExitMark->getArgOperand(1)))
        DeclaredNoReturn = !Flag->isZero();
    if (DeclaredNoReturn)
      returnAtExitEnd();
    ReturnCounter = exitSequenceCounter(*ExitMark);
    BasicBlock *Exit = SplitBlock(ExitMark->getParent(),
                                  ExitMark->getIterator(), (DominatorTree *)nullptr);
    ExitMark->eraseFromParent();
    collectRegion(Exit);
    for (BasicBlock &BB : F)
      for (Instruction &I : BB)
        note(I, &BB);
    // Before keepStateInMemory: its asm takes the state's address.
    Pending.emplace(F, State, Region, ReturnsTwice);
    Many = manySites();
    if (State && (ReturnsTwice || Many))
      keepStateInMemory();
    MayRecover = llvm::any_of(
        Markers, [&](CallBase *M) { return mayRecover(M, Hooks); });
    findSequentialSites();
    if (!needsCopy()) {
      simplifyNormalExit();
      rewriteSiteMarkers();
      giveOwnDebugScope(F, Region.getArrayRef(), UnwindingMarker, 0);
      return;
    }
    setFrameNumber(F, FrameNumber = ++Hooks.FramesNumbered);
    Mode = chooseShape();
    Copy = cloneRegion(Exit, ".unwind");
    makeSlots();
    makeEnter();
    if (Shadow)
      shadowStateIn(Copy);
    redirectResumes();
    finishCopyReturns();
    simplifyNormalExit();
    rewriteSiteMarkers();
    // Before the calls become invokes: each splits its block, and the new
    // blocks are in neither list, so their code kept the old scopes, apart
    // from the variables declared before the call.
    giveOwnDebugScope(F, Region.getArrayRef(), UnwindingMarker, 0);
    giveOwnDebugScope(F, Copy.Blocks, UnwindingMarker, 1);
    makeCallsInvoke();
    if (!F.hasPersonalityFn()) // else libgcc's: adoptPersonality
      F.setPersonalityFn(cast<Constant>(Hooks.Personality.getCallee()));
  }

private:
  Function &F;
  RuntimeHooks &Hooks;
  SetVector<BasicBlock *> Region; // the normal exit sequence
  ExitCopy Copy;                  // the exit sequence that runs in a panic
  Shape Mode = Shape::Loop;
  // Open-coded exit sequences, one site after another (findSequentialSites;
  // empty otherwise): each site's code, where its code is (in the exit
  // sequence and in the copy), and whether more deferred code can follow it.
  std::vector<SiteCode> Sites;
  DenseMap<BasicBlock *, unsigned> SiteOf;
  std::vector<bool> RunsMore;
  std::optional<PendingDefers> Pending; // where the body may have defers
  // What the rewriting works on, found in one walk over the function (and
  // over the copy as it is made): the site markers, the calls that may
  // unwind with the block each is in, and the cleanups' resumes.
  std::vector<CallBase *> Markers;
  std::vector<std::pair<CallInst *, BasicBlock *>> Calls;
  std::vector<ResumeInst *> Resumes;
  bool ReturnsTwice = false; // it calls setjmp or the like
  unsigned FrameNumber = 0;  // for LandInlined (landHere, leaveFrame)
  bool MayRecover = false; // some deferred code may call recover()
  bool Many = false;       // manySites()
  AllocaInst *State = nullptr;  // the bits, or the records frame
  bool DeclaredNoReturn = false; // the function is (the exit marker says)
  AllocaInst *Shadow = nullptr; // Loop, optimized: the copy's own state
  AllocaInst *ExceptionSlot = nullptr;
  BasicBlock *Enter = nullptr; // tells the runtime, then runs the copy
  // Landing pads that many calls share: one per site of a Chain's copy, or
  // one for the whole function (-O0, many sites, a Loop's copy).
  DenseMap<unsigned, BasicBlock *> SitePads;
  BasicBlock *PadForAll = nullptr;
  /// Coverage and -fprofile-instr-generate: the counter of the exit
  /// sequence's region, which the closing brace shows.
  InstrProfIncrementInst *ReturnCounter = nullptr;

  bool isSiteMarker(const CallBase *CB) const {
    const Function *Callee = CB->getCalledFunction();
    return Callee && (Callee == Hooks.CallSite || Callee == Hooks.BlockSite);
  }

  /// Whether \p BB is code that runs while a panic unwinds the frame.
  bool inCopy(BasicBlock *BB) const { return Copy.contains(BB); }

  void note(Instruction &I, BasicBlock *BB) {
    if (auto *CB = dyn_cast<CallBase>(&I))
      ReturnsTwice |= returnsTwice(*CB);
    if (auto *CI = dyn_cast<CallInst>(&I)) {
      if (isSiteMarker(CI))
        Markers.push_back(CI);
      else if (mayUnwind(CI))
        Calls.push_back({CI, BB});
    } else if (auto *R = dyn_cast<ResumeInst>(&I)) {
      Resumes.push_back(R);
    }
  }

  /// setjmp and the like, and __builtin_setjmp, whose intrinsic does not
  /// carry the attribute.
  static bool returnsTwice(const CallBase &CB) {
    if (CB.hasFnAttr(Attribute::ReturnsTwice))
      return true;
    auto *Intrinsic = dyn_cast<IntrinsicInst>(&CB);
    return Intrinsic && Intrinsic->getIntrinsicID() == Intrinsic::eh_sjlj_setjmp;
  }

  /// Whether the exit sequence dispatches among so many sites that the
  /// optimizer, left to forward the records frame's fields through every
  /// case of the dispatch, takes time quadratic in their number (jump
  /// threading's partially redundant loads: 4,000 defers in one function
  /// took 27 s at -O2, 7.4 s with the frame in memory; 1,000 took the
  /// same time either way).
  bool manySites() const {
    return Markers.size() > helper::ManySites;
  }

  /// A longjmp back to a setjmp restores the registers setjmp saw: a state
  /// kept in one would forget the defers executed since. Letting its
  /// address escape (to an empty asm) keeps it in memory, where each defer
  /// executed before the longjmp is still recorded after it. A function
  /// with very many sites keeps it there too (manySites).
  void keepStateInMemory() {
    IRBuilder<> B(State->getNextNode());
    escape(B, State);
  }

  /// An empty asm that takes \p Memory's address: the optimizer must keep
  /// it in memory and reload it after every call.
  static void escape(IRBuilder<> &B, Value *Memory) {
    auto *T = FunctionType::get(B.getVoidTy(), {Memory->getType()}, false);
    B.CreateCall(InlineAsm::get(T, "", "r,~{memory}", /*hasSideEffects=*/true),
                 {Memory});
  }

  void collectRegion(BasicBlock *Exit) {
    Region.insert(Exit);
    for (size_t I = 0; I < Region.size(); ++I)
      for (BasicBlock *Succ : successors(Region[I]))
        Region.insert(Succ);
  }

  /// Chain needs an optimized open-coded function whose exit sequence is
  /// what Lower.cpp emits, `if (bits & m) { bits &= ~m; marker; code }` per
  /// site, with every call that may unwind inside some site's code. Anything
  /// else loops. (Folding the chain per landing pad is bounded: an open-coded
  /// function has at most 64 sites, and pads that see the same mask fold
  /// alike: 60 defers before 1000 calls compile in 0.46 s at -O2.)
  Shape chooseShape() {
    bool Optimized = !F.hasOptNone();
    if (Optimized && !Sites.empty())
      return Shape::Chain;
    // With very many sites, or a setjmp, the state is in memory already
    // (keepStateInMemory), and the copy must work on it: a deferred block
    // that longjmps back to the setjmp leaves the copy, and the body then
    // returns through the normal exit, which would run again whatever the
    // copy had taken off a shadow only.
    if (Optimized && State && !Many && !ReturnsTwice)
      Shadow = IRBuilder<>(&*F.getEntryBlock().getFirstInsertionPt())
                   .CreateAlloca(State->getAllocatedType(), nullptr,
                                 "cdefer.unwind.state");
    return Shape::Loop;
  }

  /// An open-coded exit sequence is a chain of sites, each run at most once
  /// and in order: Sites, SiteOf and RunsMore describe it. A records loop,
  /// or anything else, leaves Sites empty.
  void findSequentialSites() {
    bool Mask = State && State->getAllocatedType()->isIntegerTy();
    if (!Mask || !findSites()) {
      Sites.clear();
      return;
    }
    for (unsigned Site = 0; Site < Sites.size(); ++Site)
      for (unsigned I : Sites[Site].Blocks)
        SiteOf[Region[I]] = Site;
    for (const SiteCode &Site : Sites)
      RunsMore.push_back(siteReachableFrom(Region[Site.Next]));
  }

  /// Whether some site's deferred code is reachable from \p From in the exit
  /// sequence.
  bool siteReachableFrom(BasicBlock *From) const {
    SmallVector<BasicBlock *, 8> Work = {From};
    SmallPtrSet<BasicBlock *, 8> Seen = {From};
    while (!Work.empty()) {
      BasicBlock *BB = Work.pop_back_val();
      if (auto It = SiteOf.find(BB);
          It != SiteOf.end() && Region[Sites[It->second].Blocks[0]] == BB)
        return true;
      for (BasicBlock *Succ : successors(BB))
        if (Seen.insert(Succ).second)
          Work.push_back(Succ);
    }
    return false;
  }

  /// Whether a call at \p I, in block \p From, needs a landing pad: where a
  /// panic can find deferred code of this frame to run (code the body runs
  /// after a defer, or deferred code of the exit sequence that more sites
  /// follow), and everywhere in the unwinding copy. There a newer panic
  /// that leaves the frame must end the older one the copy runs, and
  /// where the frame is inlined into its caller no stack pointer moves to
  /// tell the runtime so: the landing pad does (panic/uncaught.c, CASE 8).
  bool mayFindDeferredCode(const Instruction &I, BasicBlock *From) const {
    if (inCopy(From))
      return true;
    if (Region.contains(From)) {
      auto It = SiteOf.find(From);
      return It == SiteOf.end() || RunsMore[It->second];
    }
    return Pending->mayBePendingAt(I);
  }

  /// Whether any call of the body or of the exit sequence needs a landing
  /// pad, or any cleanup's resume leads into deferred code: else the
  /// function gets no unwinding copy at all.
  bool needsCopy() const {
    return llvm::any_of(Calls,
                        [&](auto &C) {
                          return mayFindDeferredCode(*C.first, C.second);
                        }) ||
           llvm::any_of(Resumes, [&](ResumeInst *R) {
             return mayFindDeferredCode(*R, R->getParent());
           });
  }

  bool findSites() {
    DenseMap<BasicBlock *, unsigned> Index;
    for (unsigned I = 0; I < Region.size(); ++I)
      Index[Region[I]] = I;
    DenseMap<unsigned, unsigned> Owner; // Region index -> site
    for (BasicBlock *BB : Region)
      for (Instruction &I : *BB) {
        auto *M = dyn_cast<CallBase>(&I);
        if (!M || !isSiteMarker(M))
          continue;
        BasicBlock *Test = BB->getSinglePredecessor();
        auto *Br = Test ? dyn_cast<BranchInst>(Test->getTerminator()) : nullptr;
        if (!Br || !Br->isConditional() || Br->getSuccessor(0) != BB ||
            !Index.count(Br->getSuccessor(1)))
          return false;
        SiteCode Site;
        BasicBlock *Next = Br->getSuccessor(1);
        Site.Next = Index[Next];
        SmallVector<BasicBlock *, 8> Work = {BB};
        SmallPtrSet<BasicBlock *, 8> Seen = {BB, Next};
        while (!Work.empty()) {
          BasicBlock *Code = Work.pop_back_val();
          if (!Index.count(Code) || !Owner.insert({Index[Code], Sites.size()}).second)
            return false;
          Site.Blocks.push_back(Index[Code]);
          for (BasicBlock *Succ : successors(Code))
            if (Seen.insert(Succ).second)
              Work.push_back(Succ);
        }
        Sites.push_back(std::move(Site));
      }
    // A call outside every site's code (a cleanup attribute's, say) has no
    // next site to continue at; an exception's own pads none either.
    for (unsigned I = 0; I < Region.size(); ++I)
      for (Instruction &Inst : *Region[I]) {
        if (Inst.isEHPad() || isa<ResumeInst>(Inst))
          return false;
        if (auto *CI = dyn_cast<CallInst>(&Inst); CI && mayUnwind(CI) && !Owner.count(I))
          return false;
      }
    return !Sites.empty();
  }

  /// Copies the exit sequence's blocks. A plain map does it: LLVM's
  /// ValueToValueMapTy tracks each entry with a value handle, and cloning
  /// through it was 12.6M of the 21.4M instructions this pass took on
  /// bench's 200-function file at -O0.
  ExitCopy cloneRegion(BasicBlock *Exit, StringRef Suffix) {
    ExitCopy C;
    DenseMap<Value *, Value *> Map;
    for (BasicBlock *BB : Region) {
      BasicBlock *New = BasicBlock::Create(
          F.getContext(), BB->hasName() ? BB->getName() + Suffix : "", &F);
      for (Instruction &I : *BB) {
        Instruction *Copy = I.clone();
        if (I.hasName())
          Copy->setName(I.getName() + Suffix);
        Copy->insertInto(New, New->end());
        Copy->cloneDebugInfoFrom(&I);
        Map[&I] = Copy;
        note(*Copy, New);
      }
      Map[BB] = New;
      C.Blocks.push_back(New);
      C.Set.insert(New);
    }
    for (BasicBlock *BB : C.Blocks)
      for (Instruction &I : *BB)
        pointAtCopies(I, Map);
    // A block of the region may also be reached from outside it (a shared
    // cleanup); its copy is not, so such incoming values go.
    for (BasicBlock *BB : C.Blocks)
      for (PHINode &Phi : BB->phis())
        for (unsigned I = Phi.getNumIncomingValues(); I-- > 0;)
          if (!C.contains(Phi.getIncomingBlock(I)))
            Phi.removeIncomingValue(I, false);
    C.Entry = cast<BasicBlock>(Map[Exit]);
    for (unsigned Site = 0; Site < Sites.size(); ++Site)
      for (unsigned I : Sites[Site].Blocks)
        SiteOf[C.Blocks[I]] = Site;
    return C;
  }

  /// \p I's operands, incoming blocks and debug locations that are in
  /// \p Map, replaced by what they map to.
  void pointAtCopies(Instruction &I, const DenseMap<Value *, Value *> &Map) {
    auto CopyOf = [&](Value *V) { return Map.lookup(V); };
    for (Use &Op : I.operands()) {
      if (Value *To = CopyOf(Op.get())) {
        Op.set(To);
        continue;
      }
      // `&&label` of deferred code: the copy jumps to its own blocks.
      if (auto *Address = dyn_cast<BlockAddress>(Op.get()))
        if (Value *To = CopyOf(Address->getBasicBlock()))
          Op.set(BlockAddress::get(&F, cast<BasicBlock>(To)));
      // A local value wrapped as metadata (an intrinsic's operand).
      if (auto *MV = dyn_cast<MetadataAsValue>(Op.get()))
        if (auto *Local = dyn_cast<LocalAsMetadata>(MV->getMetadata()))
          if (Value *To = CopyOf(Local->getValue()))
            Op.set(MetadataAsValue::get(F.getContext(),
                                        LocalAsMetadata::get(To)));
    }
    if (auto *Phi = dyn_cast<PHINode>(&I))
      for (unsigned K = 0; K < Phi->getNumIncomingValues(); ++K)
        if (Value *To = CopyOf(Phi->getIncomingBlock(K)))
          Phi->setIncomingBlock(K, cast<BasicBlock>(To));
    for (DbgVariableRecord &R : filterDbgVars(I.getDbgRecordRange())) {
      for (Value *Op : SmallVector<Value *, 2>(R.location_ops()))
        if (Value *To = CopyOf(Op))
          R.replaceVariableLocationOp(Op, To);
      if (R.isDbgAssign())
        if (Value *To = CopyOf(R.getAddress()))
          R.setAddress(To);
    }
  }

  /// Tells the runtime that the exception landed in this frame (panic.c:
  /// which older panics it aborts). Only a frame whose deferred code may
  /// recover needs that in its own code: one that cannot never returns
  /// normally from its copy, and a newer panic leaving its physical frame
  /// aborts the older one all the same. Inlined into another function, the
  /// frame shares that function's physical frame, and the call is needed.
  /// So such a frame makes the call with its function's number, and
  /// OwnLandPass removes it where it is still in that function once
  /// inlining is over.
  void landHere(IRBuilder<> &B) {
    if (MayRecover)
      B.CreateCall(Hooks.Land, {ExceptionSlot});
    else
      B.CreateCall(Hooks.LandInlined, {ExceptionSlot, B.getInt32(FrameNumber)});
  }

  void makeSlots() {
    IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
    ExceptionSlot = B.CreateAlloca(B.getPtrTy(), nullptr, "cdefer.exception");
  }

  /// Every way into the copy from outside it tells the runtime that the
  /// exception landed in this frame (landHere).
  void makeEnter() {
    Enter = BasicBlock::Create(F.getContext(), "cdefer.unwind.enter", &F);
    IRBuilder<> B(Enter);
    landHere(B);
    // The records helpers the copy calls get inlined, and their loads and
    // stores are not the volatile ones shadowStateIn makes: the shadow
    // frame must stay in memory all the same.
    if (Shadow && !State->getAllocatedType()->isIntegerTy())
      escape(B, Shadow);
    B.CreateBr(Copy.Entry);
  }

  /// The looping copy of an optimized function works on a copy of its state
  /// (the mask, or the records frame) in memory, taken from the real one
  /// where a call of the body or of the exit sequence unwinds. Kept in
  /// registers, the state would have to survive the copy's own calls in
  /// callee-saved registers, and saving those costs the normal path a push
  /// and a pop each (bench's records defer_call: 45 instructions, 42 this
  /// way).
  void shadowStateIn(ExitCopy &C) {
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

  /// Where unwinding from code at \p From continues, storing the exception:
  /// the copy's start, or in a Chain copy the next site's test.
  void continueUnwinding(IRBuilder<> &B, Value *Pad, BasicBlock *From) {
    std::optional<unsigned> Site = chainSiteOf(From);
    if (Site && inCopy(From) && !RunsMore[*Site]) {
      leaveFrame(B, Pad);
      return;
    }
    // _Unwind_Resume takes the exception alone: the selector is not kept.
    B.CreateStore(B.CreateExtractValue(Pad, 0), ExceptionSlot,
                  /*isVolatile=*/true);
    if (Site) {
      landHere(B);
      B.CreateBr(Copy.Blocks[Sites[*Site].Next]);
      return;
    }
    if (Shadow && !inCopy(From))
      B.CreateStore(B.CreateLoad(State->getAllocatedType(), State), Shadow,
                    /*isVolatile=*/true);
    B.CreateBr(Enter);
  }

  /// A panic raised in the copy's last deferred code: nothing of this
  /// frame runs after it, so nothing here can recover it either, and it
  /// goes on unwinding. Leaving the frame aborts the panic the copy ran
  /// (the runtime sees the stack pointer move past the frame) except where
  /// the frame was inlined into another; only there is the runtime told,
  /// and OwnLandPass removes the pad wherever the call goes (test/lowering/
  /// unwind-landing-pads.c: the frame's last deferred call has no pad).
  void leaveFrame(IRBuilder<> &B, Value *Pad) {
    Value *Exception = B.CreateExtractValue(Pad, 0);
    // Not volatile: nothing but the call reads it.
    B.CreateStore(Exception, ExceptionSlot);
    B.CreateCall(Hooks.LandInlined, {ExceptionSlot, B.getInt32(FrameNumber)});
    B.CreateCall(Hooks.Resume, {Exception})->setDoesNotReturn();
    B.CreateUnreachable();
  }

  /// In a Chain, the site whose code \p From is, in the exit sequence or
  /// in the copy: a panic there continues at the copy's next site, so
  /// both share the site's landing pad, and nothing reads the site's bit
  /// again (dropClearsNobodyReads).
  std::optional<unsigned> chainSiteOf(BasicBlock *From) const {
    if (Mode != Shape::Chain)
      return std::nullopt;
    auto It = SiteOf.find(From);
    if (It == SiteOf.end())
      return std::nullopt;
    return It->second;
  }

  /// A landing pad for a call in \p From. In optimized code each call of the
  /// body and of the exit sequence gets its own: each is a predecessor of
  /// its own, so what the copy needs of the state (the mask, or the records
  /// frame's fields, which the optimizer keeps in registers) is
  /// materialized in the pads, off the normal path, and the optimizer can
  /// fold the copy for each. (Pads shared by calls merge the state of every
  /// call, and the normal path pays for keeping it: three_defers in
  /// open-coded-cost.c went from 24 to 26 instructions, bench's records
  /// defer_call from 45 to 46.) The calls of one site's code in a
  /// Chain share one, in the exit sequence and in the copy alike, as do all
  /// calls at -O0, in a Loop copy, and in a
  /// function with very many sites (a pad per call, each storing the frame,
  /// took 10,000 defers in one function from 77 s to over 10 minutes).
  BasicBlock *landingPadFor(BasicBlock *From) {
    std::optional<unsigned> Site = chainSiteOf(From);
    if (!Site && !inCopy(From) && !F.hasOptNone() && !Many)
      return newLandingPad(From);
    BasicBlock *&Shared = Site ? SitePads[*Site] : PadForAll;
    if (!Shared)
      Shared = newLandingPad(From);
    return Shared;
  }

  BasicBlock *newLandingPad(BasicBlock *From) {
    BasicBlock *Pad = BasicBlock::Create(F.getContext(), "cdefer.landingpad", &F);
    IRBuilder<> B(Pad);
    LandingPadInst *LP = B.CreateLandingPad(
        StructType::get(B.getPtrTy(), B.getInt32Ty()), 0);
    LP->setCleanup(true);
    continueUnwinding(B, LP, From);
    return Pad;
  }

  /// Cleanups of __attribute__((cleanup)) variables end in `resume`: it
  /// continues into the copy as well.
  void redirectResumes() {
    for (ResumeInst *R : Resumes) {
      if (!mayFindDeferredCode(*R, R->getParent()))
        continue;
      IRBuilder<> B(R);
      continueUnwinding(B, R->getValue(), R->getParent());
      R->eraseFromParent();
    }
  }

  /// The increment of the counter of the exit sequence's region: the
  /// nearest before its marker, on the only way in (the label's block).
  static InstrProfIncrementInst *exitSequenceCounter(CallBase &ExitMark) {
    Instruction *From = &ExitMark;
    for (unsigned Blocks = 0; From && Blocks < 8; ++Blocks) {
      for (Instruction *I = From->getPrevNode(); I; I = I->getPrevNode())
        if (auto *Counter = dyn_cast<InstrProfIncrementInst>(I))
          return Counter;
      BasicBlock *Pred = From->getParent()->getSinglePredecessor();
      From = Pred ? Pred->getTerminator() : nullptr;
    }
    return nullptr;
  }

  /// ret V  ==>  __cdefer_v1_unwind_finish(exception); ret V
  /// where some deferred code may recover: the runtime resumes unwinding
  /// unless it did, and the function returns normally, which its closing
  /// brace counts, as it counts the normal exit (a recovered call showed
  /// it not run, and derived counts below zero). Else just resume.
  void finishCopyReturns() {
    std::vector<Instruction *> Returns;
    for (BasicBlock *BB : Copy.Blocks)
      if (isa<ReturnInst>(BB->getTerminator()))
        Returns.push_back(BB->getTerminator());
    for (Instruction *R : Returns) {
      if (!MayRecover) {
        resumeUnwinding(R);
        continue;
      }
      if (DeclaredNoReturn || F.doesNotReturn()) {
        finishNoReturn(R);
        continue;
      }
      IRBuilder<> B(R);
      Value *Exception =
          B.CreateLoad(B.getPtrTy(), ExceptionSlot, /*isVolatile=*/true);
      B.CreateCall(Hooks.Finish, {Exception});
      if (ReturnCounter)
        ReturnCounter->clone()->insertBefore(R->getIterator());
    }
  }

  /// In a function declared noreturn, the lowering marks where its exit
  /// sequence ends (__cdefer_exit_end): CodeGen made the `return` there an
  /// `unreachable` where the function's type is noreturn
  /// (`__attribute__((noreturn))`), and the unwinding copy fell into it,
  /// taking the panic nowhere. It becomes a return, which the copy turns
  /// into the end of its unwinding like any other.
  void returnAtExitEnd() {
    for (CallBase *End : callsToMarker(*F.getParent(), ExitEndMarker)) {
      if (End->getFunction() != &F)
        continue;
      BasicBlock *Before = End->getParent();
      Before->splitBasicBlock(End->getIterator()); // what follows is dead
      Before->getTerminator()->eraseFromParent();
      Type *Result = F.getReturnType();
      ReturnInst::Create(F.getContext(),
                         Result->isVoidTy() ? nullptr
                                            : PoisonValue::get(Result),
                         Before);
      End->eraseFromParent();
    }
  }

  /// The same in a function declared noreturn, whose callers go on as if
  /// it cannot return: if its deferred code recovered, the runtime ends
  /// the program saying why (it returned into code that was never meant to
  /// run, and crashed).
  void finishNoReturn(Instruction *R) {
    IRBuilder<> B(R);
    Value *Exception =
        B.CreateLoad(B.getPtrTy(), ExceptionSlot, /*isVolatile=*/true);
    Value *Name = B.CreateGlobalString(F.getName(), "cdefer.noreturn.name");
    B.CreateCall(Hooks.FinishNoReturn, {Exception, Name})->setDoesNotReturn();
    B.CreateUnreachable();
    R->eraseFromParent();
  }

  /// Replaces \p R with the runtime's resume of the stored exception
  /// (_Unwind_Resume, or its own faster unwinding for a panic).
  void resumeUnwinding(Instruction *R) {
    IRBuilder<> B(R);
    Value *Exception =
        B.CreateLoad(B.getPtrTy(), ExceptionSlot, /*isVolatile=*/true);
    B.CreateCall(Hooks.Resume, {Exception})->setDoesNotReturn();
    B.CreateUnreachable();
    R->eraseFromParent();
  }

  /// The normal exit sequence's mask operations that only the unwinding
  /// copy needed (it has its own, cloned): the optimizer would fold them,
  /// -O0 keeps them; dropping them took bench's 200-function file at -O0
  /// from 541.4M to 530.0M cc1 instructions (callgrind, 2%).
  void simplifyNormalExit() {
    for (CallBase *M : Markers)
      if (!inCopy(M->getParent()) && bitSetAtExit(*M))
        dropTest(*M->getParent());
    for (unsigned Site = 0; Site < Sites.size(); ++Site)
      if (!RunsMore[Site] || !bitReadAgain())
        dropClear(*Region[Sites[Site].Blocks[0]]);
    if (State && !Copy.Entry)
      dropUnreadMask();
  }

  /// Whether a site's bit, cleared as its code starts, can be tested
  /// again: by a longjmp back into the body, which exits once more, or by
  /// a copy that a panic in deferred code enters at its start (Loop). A
  /// Chain's continues at the next site (chainSiteOf), and without a copy
  /// no panic re-enters the exit sequence. Conditional defers at -O2 paid
  /// an `and` per deferred call on the normal path for it (bench's
  /// conditional: 60.5 instructions against 57.2 hand-written).
  bool bitReadAgain() const {
    return ReturnsTwice || (Copy.Entry && Mode != Shape::Chain);
  }

  /// The mask, where no test is left to read it (each defer executed
  /// only updates it): every store to it, and what computed them.
  void dropUnreadMask() {
    if (!State->getAllocatedType()->isIntegerTy())
      return;
    SmallVector<StoreInst *, 8> Stores;
    for (User *U : State->users()) {
      if (auto *Store = dyn_cast<StoreInst>(U);
          Store && Store->getPointerOperand() == State)
        Stores.push_back(Store);
      else if (!isa<LoadInst>(U) || !onlyUpdatesMask(*cast<LoadInst>(U)))
        return;
    }
    for (StoreInst *Store : Stores) {
      Value *Stored = Store->getValueOperand();
      Store->eraseFromParent();
      RecursivelyDeleteTriviallyDeadInstructions(Stored);
    }
  }

  /// bits |= m or bits &= ~m: \p Load's value goes through one bitwise
  /// operation to a store to the mask, and nowhere else.
  bool onlyUpdatesMask(const LoadInst &Load) const {
    if (!Load.hasOneUse())
      return false;
    auto *Op = dyn_cast<BinaryOperator>(Load.user_back());
    if (!Op || !Op->hasOneUse() ||
        (Op->getOpcode() != Instruction::Or &&
         Op->getOpcode() != Instruction::And))
      return false;
    auto *Store = dyn_cast<StoreInst>(Op->user_back());
    return Store && Store->getValueOperand() == Op &&
           Store->getPointerOperand() == State;
  }

  /// The marker's last operand: every normal exit set the site's bit.
  static bool bitSetAtExit(const CallBase &M) {
    auto *Set = dyn_cast<ConstantInt>(M.getArgOperand(M.arg_size() - 1));
    return Set && !Set->isZero();
  }

  /// if (bits & m) before \p Code becomes a plain branch to it.
  void dropTest(BasicBlock &Code) {
    BasicBlock *Test = Code.getSinglePredecessor();
    auto *Br = Test ? dyn_cast<BranchInst>(Test->getTerminator()) : nullptr;
    if (!Br || !Br->isConditional() || Br->getSuccessor(0) != &Code)
      return;
    Value *Condition = Br->getCondition();
    Br->getSuccessor(1)->removePredecessor(Test);
    BranchInst::Create(&Code, Br->getIterator());
    Br->eraseFromParent();
    RecursivelyDeleteTriviallyDeadInstructions(Condition);
  }

  /// bits &= ~m at the start of \p Code, a site after which no deferred
  /// code runs: no landing pad in it or after it reads the bits again.
  void dropClear(BasicBlock &Code) {
    for (Instruction &I : Code) {
      auto *Clear = dyn_cast<StoreInst>(&I);
      if (!Clear)
        continue;
      if (Clear->getPointerOperand() == State && !Clear->isVolatile()) {
        Value *Cleared = Clear->getValueOperand();
        Clear->eraseFromParent();
        RecursivelyDeleteTriviallyDeadInstructions(Cleared);
      }
      return;
    }
  }

  /// In the unwinding copy a marker tells the runtime which deferred code
  /// runs next: the function a call-form defer calls, or a block, which
  /// gets its recover() token back. On the normal exit no panic runs it,
  /// and neither does one for deferred code that cannot call recover():
  /// the marker goes, and a block's token is 0. Where other deferred code
  /// of the frame may recover, such code still says it starts (as a block
  /// whose token nobody uses): a recovery before it is then over, and a
  /// panic it raises is, as in Go, not reported as following the
  /// recovered one (test/panic/uncaught.c, CASE 9).
  void rewriteSiteMarkers() {
    for (CallBase *M : Markers) {
      bool IsCall = M->getCalledFunction() == Hooks.CallSite;
      Value *Replacement = nullptr;
      bool InCopy = inCopy(M->getParent());
      IRBuilder<> B(M);
      if (InCopy && mayRecover(M, Hooks)) {
        Replacement = IsCall ? armDeferredCall(B, M->getArgOperand(0))
                             : B.CreateCall(Hooks.DeferredBlock);
      } else {
        if (InCopy && MayRecover)
          B.CreateCall(Hooks.DeferredBlock);
        if (!M->getType()->isVoidTy())
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
  /// address is loop-invariant: machine LICM hoists it out of a looping
  /// copy into a callee-saved register, whose save and restore would cost
  /// the normal path a push and a pop.
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

  /// Every call that might unwind where a panic would find deferred code to
  /// run (mayFindDeferredCode) gets an unwind edge to a landing pad. That is
  /// decided for every call first: splitting blocks moves calls (Calls
  /// keeps the block each was in, for the same reason).
  void makeCallsInvoke() {
    llvm::erase_if(Calls, [&](auto &C) {
      return !mayFindDeferredCode(*C.first, C.second);
    });
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
    // Declarations that promise not to unwind (glibc's __THROW, and the
    // runtime's hooks, which hook() marks so) are believed; definitions
    // here are not: they may call code that panics. The hooks that do
    // unwind end the copy, where nothing is left to run.
    if (Callee->isDeclaration() && Callee->doesNotThrow())
      return false;
    return Callee != Hooks.Finish.getCallee() &&
           Callee != Hooks.FinishNoReturn.getCallee() &&
           Callee != Hooks.Resume.getCallee() && !isRecordHelper(*Callee) &&
           !isArmingThunk(*Callee);
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

/// exit() and quick_exit() are declared not to unwind, yet run the
/// program's atexit handlers, which may panic: such a panic must pass this
/// frame by, as it does where the call has no landing pad. Its range of the
/// call-site table has none only if the callee may unwind: a call to a
/// function that cannot is folded into the ranges of the invokes around it
/// (at -O0, where nothing follows a noreturn call, a panic from a handler
/// of an exit() in deferred code ran the frame's other deferred code, and
/// could recover and return from main). Calls to the others that do not
/// return get the same, at no cost: they never unwind anyway.
static void passOverExitCalls(Function &F) {
  for (Instruction &I : instructions(F))
    if (auto *Call = dyn_cast<CallInst>(&I))
      if (Function *Callee = Call->getCalledFunction();
          Callee && Callee->isDeclaration() && !Callee->isIntrinsic() &&
          Callee->doesNotThrow() && Callee->doesNotReturn()) {
        Call->removeFnAttr(Attribute::NoUnwind);
        Callee->removeFnAttr(Attribute::NoUnwind);
      }
}

/// The runtime's personality extends libgcc's C personality (it also notes
/// where a thread exit lands), so every function of the module that had
/// libgcc's (a cleanup attribute, _Defer, under -fexceptions) takes it too:
/// the inliner never inlines across two personalities.
static void adoptPersonality(Module &M, RuntimeHooks &Hooks) {
  Function *Libgcc = M.getFunction("__gcc_personality_v0");
  if (!Libgcc)
    return;
  auto *Ours = cast<Constant>(Hooks.Personality.getCallee());
  for (Function &F : M)
    if (F.hasPersonalityFn() &&
        F.getPersonalityFn()->stripPointerCasts() == Libgcc)
      F.setPersonalityFn(Ours);
}

/// CodeGen marks every C function it defines `nounwind`; a panic makes
/// that false, so the functions of a module with defers lose the mark.
static void mayUnwind(Module &M) {
  for (Function &F : M)
    if (!F.isDeclaration() && !isRecordHelper(F))
      F.removeFnAttr(Attribute::NoUnwind);
}

/// In a module without defers the mark does no harm: no landing pad here
/// trusts it, and a function's attributes do not leave its object file.
/// Under -flto they do: the link optimizes every module together, and a
/// call from another module's function with defers to one marked here
/// lost its landing pad, so that a panic raised below it (in a callback,
/// or in code the function calls) skipped the caller's deferred code and
/// its recover(). The link infers the mark again where nothing can unwind.
PreservedAnalyses LinkMayUnwindPass::run(Module &M, ModuleAnalysisManager &) {
  mayUnwind(M);
  return PreservedAnalyses::none();
}

PreservedAnalyses UnwindPass::run(Module &M, ModuleAnalysisManager &) {
  lowerAllocaMarkers(M);
  describeCapturedVariables(M);
  std::vector<CallBase *> Exits = callsToMarker(M, ExitMarker);
  if (Exits.empty())
    return PreservedAnalyses::all();
  RuntimeHooks Hooks(M);
  mayUnwind(M);
  std::vector<Function *> Lowered;
  for (CallBase *Exit : Exits) {
    Function &F = *Exit->getFunction();
    Lowered.push_back(&F);
    F.setUWTableKind(UWTableKind::Async);
    FunctionLowering(F, Hooks).run(Exit);
  }
  for (Function *F : Lowered)
    passOverExitCalls(*F);
  adoptPersonality(M, Hooks);
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
