//===- Lower.cpp - rewrite a function's defers into plain C ---------------===//
//
// After lowering, a function with defers reads like this (names shortened):
//
//   T f(...) {
//     T result = 0;              // or the user's `defer_result` variable
//     <strategy state>           // open-coded: u64 bits = 0
//                                // records:    struct cdefer_frame frame
//     <capture slots>            // one hidden local per captured value
//     <records only>             // void *stack[n];
//                                // __cdefer_frame_start(&frame, stack, size)
//     ... original body, where
//         `defer S;`   becomes  { slot = value; ...; <register> }
//         `return e;`  becomes  { result = e; goto exit; }
//   exit:
//     <run what is registered, last first>
//     return result;
//   }
//
// The exit sequence sits at the end of the function's outermost block, so the
// deferred code still sees that block's variables themselves. Variables of
// inner blocks are gone by then: the defer copies them into slots when it
// executes. A call-form defer copies its callee (unless it names a function)
// and its non-constant arguments the same way. Deferred code always reads
// slots; the strategy only decides where slots are kept between the defer and
// the exit: in place (open-coded), or in a runtime record that the exit
// sequence copies back before running the code.
//
// The exit sequence starts with a marker call, and each site's code in it
// with another: UnwindPass.cpp uses them to give the function a landing pad
// that runs a copy of the exit sequence when a panic unwinds the frame.
//
//===----------------------------------------------------------------------===//
#include "Lower.h"
#include "AstBuilder.h"
#include "Diagnostics.h"
#include "FileScope.h"
#include "InnerAddresses.h"
#include "OpenMPLoops.h"
#include "OuterCleanups.h"
#include "OuterVlas.h"
#include "SharedVariables.h"
#include "StackBuffer.h"
#include "StableValues.h"
#include "UnwindPass.h"
#include "VariablyModified.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include <functional>
#include <optional>

using namespace clang;

namespace cdefer {
namespace {

/// A value saved when a defer executes, for its deferred code at exit.
struct Capture {
  VarDecl *Slot;      // the hidden local the deferred code reads
  Expr *Value;        // evaluated when the defer executes (null: set by the
                      // registration itself); an lvalue where it is an
                      // object copied whole (a kept compound literal)
  std::string Field;  // its name in the site's runtime record
};

/// An inner-block variable a deferred block names (SharedVariables.cpp).
struct SharedUse {
  VarDecl *Var;
  VarDecl *Current;      // T *: where the variable's instance is now
  VarDecl *Ref;          // T *: where this defer's instance is (a capture)
  VarDecl *Own;          // open-coded: the instance this defer may keep
  std::string OwnField;  // records: the same, as a field of the record
};

struct LoweredSite {
  const DeferSite *Site;
  std::vector<Capture> Captures;
  Stmt *Code = nullptr;         // what runs at exit
  bool IsCall = false;          // call form: callee and arguments captured
  RecordDecl *Record = nullptr; // records only: the captures' layout
  std::vector<SharedUse> Shared;
  VarDecl *CalleeSlot = nullptr; // call form: a callee evaluated at the defer
  /// Call form: a captured value may hold the address of a variable the
  /// site keeps alive, which must have moved before the value is taken.
  bool MovesBeforeCaptures = false;
};

/// Records: a record pushed under its site's number with this bit set is
/// popped at exit without running anything (cdefer.h: __cdefer_deferarm).
constexpr unsigned DisarmedSite = 0x80000000u;

/// The declarations of the runtime a record-based function calls.
struct RuntimeDecls {
  FunctionDecl *DeferProc = nullptr;
  FunctionDecl *DeferProcSite = nullptr;
  FunctionDecl *DeferArm = nullptr;
  FunctionDecl *DeferPending = nullptr;
  FunctionDecl *DeferReturn = nullptr;
  FunctionDecl *DeferPop = nullptr;
  FunctionDecl *FrameStart = nullptr;
  FunctionDecl *DeferredSite = nullptr;
  RecordDecl *Frame = nullptr;
};

/// \p St without the labels in front of it (C23: `L: int x;`).
Stmt *withoutLabels(Stmt *St) {
  while (auto *Label = dyn_cast<LabelStmt>(St))
    St = Label->getSubStmt();
  return St;
}

bool namesFunction(const Expr *Callee) {
  const auto *Ref = dyn_cast<DeclRefExpr>(Callee->IgnoreParenImpCasts());
  return Ref && isa<FunctionDecl>(Ref->getDecl());
}

class Lowering : public LoweringPlan {
public:
  Lowering(Sema &S, FunctionDefers &F, const Strategy &Plan, bool Markers,
           ExitLocations &Exits)
      : S(S), D(S.getDiagnostics()), SM(S.getSourceManager()),
        Body(cast<CompoundStmt>(F.Function->getBody())),
        B(S.Context, *F.Function, Body->getLBracLoc()), F(F), Plan(Plan),
        Markers(Markers), Exits(Exits) {}

  /// Everything that can go wrong is found here, before any change.
  bool check() {
    findOuterSizeNames();
    for (Stmt *St : Body->body()) {
      if (auto *DS = dyn_cast<DeclStmt>(withoutLabels(St))) {
        for (Decl *Dl : DS->decls()) {
          if (auto *VD = dyn_cast<VarDecl>(Dl); VD && !isRedeclared(VD))
            Outer.insert(VD);
          else if (auto *TD = dyn_cast<TypedefNameDecl>(Dl))
            OuterTypedefs.insert(TD);
        }
      }
    }
    Sites.reserve(F.Sites.size());
    bool Ok = true;
    for (const DeferSite &Site : F.Sites)
      Ok &= prepare(Site);
    Ok &= findOuterVlas(Body, D, SM, OuterVlas);
    if (!Plan.OpenCoded)
      Ok = Ok && findRuntime();
    return Ok;
  }

  void apply(const RecoverTokens &RecoverPlan) override {
    Tokens = RecoverPlan;
    Body = cast<CompoundStmt>(F.Function->getBody());
    for (auto &Edit : CallEdits)
      Edit();
    declareState();
    if (F.Result)
      replaceResultDeclaration();
    moveVlasOutOfTheExitsWay();
    takeOverCleanups();
    redirectSharedVariables();
    for (Stmt *&St : Body->body())
      St = rewrite(St);
    finishBody();
  }

private:
  Sema &S;
  DiagnosticsEngine &D;
  const SourceManager &SM;
  CompoundStmt *Body;
  AstBuilder B;
  FunctionDefers &F;
  const Strategy &Plan;
  const bool Markers; // for the IR pass; none when no code is generated
  ExitLocations &Exits;
  RecoverTokens Tokens;
  std::vector<LoweredSite> Sites;
  llvm::DenseMap<const Stmt *, LoweredSite *> SiteOf;
  // Inside an OpenMP loop transformation, each statement rewritten with
  // what took its place: the loops it made share them (rewrite).
  bool InLoopTransform = false;
  llvm::DenseMap<Stmt *, Stmt *> Replaced;
  // The outermost block's variables, which live until the exit sequence,
  // but for those a goto declares again (isRedeclared); and its typedefs.
  llvm::DenseSet<const VarDecl *> Outer;
  InnerAddresses Inner{S.Context, Outer};
  llvm::DenseSet<const TypedefNameDecl *> OuterTypedefs;
  // Outermost variables in the sizes of its variably modified declarations.
  llvm::DenseSet<const VarDecl *> OuterSizeNames;
  std::optional<StableValues> Stable;    // arguments that need no slot
  llvm::DenseMap<VarDecl *, VarDecl *> CurrentOf; // shared variables
  std::vector<std::function<void()>> CallEdits;   // made once all is checked
  std::vector<VarDecl *> OuterVlas; // declared after a return (OuterVlas.h)
  OuterCleanups Cleanups;
  RuntimeDecls Runtime;
  std::vector<Stmt *> Prologue;          // hidden declarations
  VarDecl *Result = nullptr;
  Expr *ResultInit = nullptr; // the `defer_result` variable's, moved
  VarDecl *Bits = nullptr;               // open-coded
  VarDecl *Frame = nullptr, *Captures = nullptr; // records
  uint64_t RecordAlign = 0;                      // records
  LabelDecl *Exit = nullptr;

  /// Whether \p V, of the outermost block, is a new variable each time a
  /// goto runs its declaration again (Strategy::RedeclaredVariables): it is
  /// then shared like an inner block's variable, one instance per
  /// execution. Variables that cannot be shared stay one variable: the
  /// `defer_result` variable, variably modified ones (OuterVlas.h),
  /// __block and cleanup ones.
  bool isRedeclared(const VarDecl *V) const {
    return Plan.RedeclaredVariables.count(V) && V != F.Result &&
           !OuterSizeNames.count(V) &&
           !V->getType()->isVariablyModifiedType() &&
           !V->hasAttr<BlocksAttr>() && !V->hasAttr<CleanupAttr>();
  }

  /// The outermost block's variables that the array sizes of its variably
  /// modified declarations and typedefs name. Such a declaration stays one
  /// variable when a goto runs it again (isRedeclared), and so must the
  /// variables its sizes read: deferred code may not see those change
  /// under a variable-length array it keeps.
  void findOuterSizeNames() {
    auto CollectSizes = [&](QualType T) {
      forEachArraySize(T, [&](Expr *Size) {
        forEachNamedVariable(Size,
                             [&](VarDecl *V) { OuterSizeNames.insert(V); });
      });
    };
    for (Stmt *St : Body->body())
      if (auto *DS = dyn_cast<DeclStmt>(withoutLabels(St)))
        for (Decl *Dl : DS->decls()) {
          if (auto *VD = dyn_cast<VarDecl>(Dl))
            CollectSizes(VD->getType());
          else if (auto *TD = dyn_cast<TypedefNameDecl>(Dl))
            CollectSizes(TD->getUnderlyingType());
        }
  }

  std::string slotName(const LoweredSite &L, llvm::StringRef What) const {
    return ("__cdefer_s" + llvm::Twine(L.Site->Index) + "_" + What).str();
  }

  /// The name of a hidden local (or record field) of \p L that holds the
  /// value, or the instance, of the user's variable \p Shows. For the
  /// analyzer (no markers: nothing is generated) it is that variable's:
  /// a report then says "leak of memory pointed to by 'p'", not by
  /// '__cdefer_s0_arg0'. Generated code keeps the hidden name, which a
  /// debugger shows as the artificial variable it is.
  std::string slotName(const LoweredSite &L, llvm::StringRef What,
                       const VarDecl *Shows) const {
    if (!Markers && Shows && Shows->getIdentifier())
      return Shows->getName().str();
    return slotName(L, What);
  }

  /// The variable \p E reads, if it is only that.
  static const VarDecl *variableRead(const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  }

  // --- Preparing each site: captures and the code that runs at exit. ---

  bool prepare(const DeferSite &Site) {
    Sites.emplace_back();
    LoweredSite &L = Sites.back();
    L.Site = &Site;
    SiteOf[Site.Statement] = &L;
    B.Loc = Site.Loc;
    L.Code = Site.Deferred;
    if (CallExpr *Call = deferredCall(S.Context, Site.Deferred)) {
      L.IsCall = true;
      return captureCall(L, Call);
    }
    if (AtomicExpr *Atomic = deferredAtomic(Site.Deferred))
      return captureOperands(L, Atomic);
    return shareInnerVariables(L, {L.Code});
  }

  /// An operand evaluated at the defer into a slot, once every site is
  /// known to be fine (apply()): where it stands, and its slot's name.
  struct PendingOperand {
    Expr **Where;
    std::string Name;
    /// A parameter with pass_object_size: the size clang passes with it is
    /// the argument expression's, which a copy in a slot does not have.
    bool PassesObjectSize = false;
  };

  /// The callee (unless it names a function) and the non-constant
  /// arguments are evaluated at the defer, into slots. The call is changed
  /// only once every site is known to be fine (apply()).
  bool captureCall(LoweredSite &L, CallExpr *Call) {
    std::vector<PendingOperand> Args;
    std::vector<Stmt *> KeptVariables;
    const FunctionDecl *Direct = Call->getDirectCallee();
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      bool PassesSize = Direct && I < Direct->getNumParams() &&
                        Direct->getParamDecl(I)->hasAttr<PassObjectSizeAttr>();
      if (!captureOperand(L,
                          {&Call->getArgs()[I], "arg" + std::to_string(I),
                           PassesSize},
                          Args, KeptVariables))
        return false;
    }
    if (!namesFunction(Call->getCallee())) {
      Expr *Slot = addCapture(L, "fn", Call->getCallee());
      L.CalleeSlot = L.Captures.back().Slot;
      CallEdits.push_back([=] { Call->setCallee(B.load(Slot)); });
    }
    takeOperandsAtDefer(L, Args);
    return shareInnerVariables(L, KeptVariables);
  }

  /// `defer atomic_store(&flag, v);`: <stdatomic.h>'s generic functions are
  /// atomic operations, not calls, but Go's `defer atomic.StoreInt32(&flag,
  /// v)` evaluates v at the defer: the operands are taken as a call's
  /// arguments are. The code that runs at exit is the operation on them.
  bool captureOperands(LoweredSite &L, AtomicExpr *Atomic) {
    std::vector<PendingOperand> Operands;
    std::vector<Stmt *> KeptVariables;
    unsigned K = 0;
    for (Stmt *&Child : Atomic->children())
      if (!captureOperand(L,
                          {reinterpret_cast<Expr **>(&Child),
                           "operand" + std::to_string(K++)},
                          Operands, KeptVariables))
        return false;
    takeOperandsAtDefer(L, Operands);
    return shareInnerVariables(L, KeptVariables);
  }

  /// One argument or operand: left alone if a constant, or one whose value
  /// at exit is the same (needsNoSlot); evaluated at exit if it points into
  /// an inner variable, which is then kept (its offsets taken at the defer);
  /// otherwise added to \p Pending.
  bool captureOperand(LoweredSite &L, PendingOperand Operand,
                      std::vector<PendingOperand> &Pending,
                      std::vector<Stmt *> &KeptVariables) {
    Expr *Arg = *Operand.Where;
    if (!Arg || Arg->isEvaluatable(S.Context))
      return true; // a constant: evaluating it at exit gives the same value
    // Go's `defer f(&v)` keeps v alive for f; a slot would keep only the
    // address of storage that ends with the block (and that the next loop
    // iteration reuses). Such an argument is not captured: v is shared with
    // the deferred call as with a deferred block, and the argument is
    // evaluated at exit, where it names the instance the defer kept, whose
    // address, once kept, does not change; its indices that are not
    // constants are captured at the defer. A variable-length array cannot
    // be kept: sharing it reports so. A compound literal: see keepLiteral.
    InnerAddress Address;
    if (Inner.pointsInto(Arg, Address) &&
        (Address.Variable || literalEndsBeforeExit(L))) {
      if (Address.Variable)
        KeptVariables.push_back(Address.Variable);
      else if (!keepLiteral(L, Arg, Operand.Name, Address.Literal))
        return false;
      captureOffsets(L, Operand.Name, Address.Offsets);
      return true;
    }
    // The slot is declared at the top of the function, where the sizes of
    // such a type may not be known yet.
    if (Arg->getType()->isVariablyModifiedType()) {
      errCaptureVariablyModifiedArgument(D, userLoc(SM, Arg->getExprLoc()));
      noteDeferHere(D, L.Site->Loc);
      return false;
    }
    if (needsNoSlot(L, Arg, Operand.PassesObjectSize))
      return true;
    // A value that may carry such an address some other way keeps the
    // variable alive too, but is taken at the defer, after the variable
    // has moved (registration()).
    size_t Before = KeptVariables.size();
    Inner.carriedBy(Arg, KeptVariables);
    if (KeptVariables.size() != Before)
      L.MovesBeforeCaptures = true;
    Pending.push_back(Operand);
    return true;
  }

  void takeOperandsAtDefer(LoweredSite &L,
                           const std::vector<PendingOperand> &Pending) {
    for (const PendingOperand &Operand : Pending) {
      Expr **Where = Operand.Where;
      Expr *Slot = addCapture(L, Operand.Name, *Where);
      CallEdits.push_back([=] { *Where = B.load(Slot); });
    }
  }

  /// Whether a compound literal in \p L's call ends before the exit
  /// sequence calls it: its storage lasts until its block ends, which is
  /// the function's end only for a defer in the outermost block, and even
  /// there one object serves every execution of a defer that repeats.
  bool literalEndsBeforeExit(const LoweredSite &L) const {
    if (Plan.Repeats[L.Site->Index])
      return true;
    for (Stmt *St : Body->body())
      if (withoutLabels(St) == L.Site->Statement)
        return false;
    return true;
  }

  /// `&(T){...}` in \p Arg, the argument named \p ArgName, whose storage
  /// ends before the call (literalEndsBeforeExit). Go's `defer f(&T{...})` keeps
  /// the value alive for f; a compound literal's value is all known at the
  /// defer, and nothing but the argument can refer to it. So the defer
  /// copies the literal into a slot, which the argument names instead: the
  /// call at exit gets the slot's address, and each record its own copy.
  bool keepLiteral(LoweredSite &L, Expr *Arg, llvm::StringRef ArgName,
                   CompoundLiteralExpr *Literal) {
    QualType T = Literal->getType();
    if (T->isArrayType() && !canCopyArrays(L, Literal->getBeginLoc()))
      return false;
    Stmt **Where = childHolding(Arg, Literal);
    std::string Name = (ArgName + "_literal").str();
    Qualifiers Dropped;
    VarDecl *Slot = B.local(slotName(L, Name),
                            S.Context.getUnqualifiedArrayType(T, Dropped));
    L.Captures.push_back({Slot, Literal, Name});
    CallEdits.push_back([=] { *Where = B.ref(Slot); });
    return true;
  }

  /// Where \p Target stands as a child in \p Parent's tree.
  static Stmt **childHolding(Stmt *Parent, const Stmt *Target) {
    for (Stmt *&Child : Parent->children()) {
      if (Child == Target)
        return &Child;
      if (Child)
        if (Stmt **Found = childHolding(Child, Target))
          return Found;
    }
    return nullptr;
  }

  /// `&buf[i]` at exit must use the i of the defer: each offset that is
  /// not a constant is evaluated into a slot at the defer, which the
  /// argument then reads.
  void captureOffsets(LoweredSite &L, llvm::StringRef ArgName,
                      llvm::ArrayRef<Stmt **> Offsets) {
    for (size_t K = 0; K < Offsets.size(); ++K) {
      Stmt **Offset = Offsets[K];
      Expr *Slot = addCapture(L, (ArgName + "_offset" + llvm::Twine(K)).str(),
                              cast<Expr>(*Offset));
      CallEdits.push_back([=] { *Offset = B.load(Slot); });
    }
  }

  /// Whether \p Arg of L's call can be evaluated again at exit instead
  /// (StableValues.h). With records, only where L can repeat: a value that
  /// stays in the variable must then stay live until the exit (in a
  /// register the function saves, or spilled), which for a defer that runs
  /// once costs what storing it in the record and loading it back costs
  /// (bench defer_call: 36 instructions with the record, 40 without), while
  /// for a defer in a loop it saves a store per run (defer10: 131 -> 120).
  /// Tools that analyse the lowered code (no markers: nothing is
  /// generated) keep every argument in its slot: the analyzer then sees a
  /// value the defer took die at the defer, and reports a leak where the
  /// path leaves the function, not at its closing brace.
  /// An address of the function's own object (`buf`, `&s.m`, `buf + 3`),
  /// and an argument of a pass_object_size parameter, are evaluated again
  /// at exit wherever they can be, whatever the strategy: an address costs
  /// nothing to form again, and the callee sees the object's size there
  /// (pass_object_size, _FORTIFY_SOURCE's checks), as the call would where
  /// the defer stands; from a slot the size is unknown (-1).
  bool needsNoSlot(const LoweredSite &L, const Expr *Arg,
                   bool PassesObjectSize) {
    const Expr *E = Arg->IgnoreParenCasts();
    if (!Markers || !isa<DeclRefExpr, UnaryOperator, BinaryOperator>(E))
      return false;
    if (!Plan.OpenCoded && !Plan.Repeats[L.Site->Index] &&
        !PassesObjectSize && !formsAddress(E))
      return false;
    if (!Stable) // walks the whole body: only when some argument may use it
      Stable.emplace(*F.Function, Outer, F.Result);
    return Stable->sameAtExit(Arg);
  }

  /// Whether \p E takes an object's address (or decays an array), plus
  /// offsets: what needsNoSlot can form again at exit for free.
  static bool formsAddress(const Expr *E) {
    E = E->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      return U->getOpcode() == UO_AddrOf;
    if (const auto *Op = dyn_cast<BinaryOperator>(E))
      return Op->isAdditiveOp() &&
             (formsAddress(Op->getLHS()) || formsAddress(Op->getRHS()));
    return isa<DeclRefExpr>(E) && E->getType()->isArrayType();
  }

  Expr *addCapture(LoweredSite &L, llvm::StringRef Name, Expr *Value) {
    QualType T = Value->getType().getUnqualifiedType();
    std::string Shown = slotName(L, Name, variableRead(Value));
    VarDecl *Slot = B.local(Shown, T);
    L.Captures.push_back({Slot, Value, Markers ? Name.str() : Shown});
    return B.ref(Slot);
  }

  /// The alignment a variable kept in a record needs beyond what records
  /// give their fields, or 0.
  /// A field gets its type's alignment, up to maxRecordAlign(): more than
  /// that, from the type or declared (_Alignas), is made at run time.
  uint64_t extraAlignment(const VarDecl *V) const {
    uint64_t Declared = S.Context.getDeclAlign(V).getQuantity();
    uint64_t OfType = S.Context.getTypeAlignInChars(V->getType()).getQuantity();
    return Declared > std::min(OfType, maxRecordAlign()) ? Declared : 0;
  }

  /// The type of the record field that keeps \p V: an over-aligned type
  /// gets room to be placed at its alignment inside the field.
  QualType keptFieldType(const VarDecl *V) const {
    QualType T = keptType(V);
    uint64_t Align = extraAlignment(V);
    if (!Align)
      return T;
    uint64_t Bytes = S.Context.getTypeSizeInChars(T).getQuantity() + Align - 1;
    return S.Context.getConstantArrayType(S.Context.CharTy,
                                          llvm::APInt(64, Bytes), nullptr,
                                          ArraySizeModifier::Normal, 0);
  }

  /// The type of the storage that keeps \p V, which is copied into: no
  /// const, on an array's elements either.
  QualType keptType(const VarDecl *V) const {
    Qualifiers Dropped;
    return S.Context.getUnqualifiedArrayType(V->getType(), Dropped);
  }

  /// Whether AstBuilder::copy can copy arrays (C has no array assignment:
  /// it calls __builtin_memcpy, declared as a call to it declares it, by
  /// Sema when the name is first looked up); else an error at \p Use, an
  /// array \p L keeps.
  bool canCopyArrays(const LoweredSite &L, SourceLocation Use) {
    if (!B.Memcpy) {
      LookupResult R(S, &S.Context.Idents.get("__builtin_memcpy"), B.Loc,
                     Sema::LookupOrdinaryName);
      S.LookupName(R, S.TUScope, /*AllowBuiltinCreation=*/true);
      B.Memcpy = R.getAsSingle<FunctionDecl>();
    }
    if (B.Memcpy)
      return true;
    errArrayNotMovable(D, userLoc(SM, Use));
    noteDeferHere(D, L.Site->Loc);
    return false;
  }

  /// The record's kept instance of \p U's variable, as an lvalue.
  Expr *keptInRecord(LoweredSite &L, SharedUse &U, FieldDecl *Field) {
    Expr *Kept = B.arrow(recordCaptures(L), Field);
    uint64_t Align = extraAlignment(U.Var);
    if (!Align)
      return Kept;
    QualType Pointer = S.Context.getPointerType(U.Var->getType());
    return B.deref(B.alignUp(B.addressOf(Kept), Align, Pointer));
  }

  /// An OpenMP directive's clauses and loop helpers name \p V where it
  /// was declared, not where deferred code keeps it: the loop read and
  /// wrote a stale copy (`#pragma omp simd reduction(+:s)`).
  bool keptOutsideOpenMP(const VarDecl &V) {
    for (const auto &[Var, Directive] : F.InOpenMP)
      if (Var == &V) {
        errKeptInOpenMP(D, userLoc(SM, Directive), V.getName());
        return false;
      }
    return true;
  }

  /// Inner-block variables that \p Codes (the deferred block, or the
  /// arguments a call evaluates at exit) name live on for them
  /// (SharedVariables.cpp): each gets a pointer to its current instance,
  /// and the site a slot for the instance it keeps and one for where that is.
  bool shareInnerVariables(LoweredSite &L, llvm::ArrayRef<Stmt *> Codes) {
    std::vector<InnerUse> Uses;
    for (Stmt *Code : Codes) {
      std::vector<InnerUse> Found;
      if (!findInnerUses(Code, Outer, OuterTypedefs, D, SM, L.Site->Loc, Found))
        return false;
      for (const InnerUse &U : Found)
        if (llvm::none_of(Uses, [&](const InnerUse &Seen) {
              return Seen.Var == U.Var;
            }))
          Uses.push_back(U);
    }
    bool InOpenMP = false;
    for (const InnerUse &U : Uses)
      InOpenMP |= !keptOutsideOpenMP(*U.Var);
    if (InOpenMP)
      return false;
    for (const InnerUse &U : Uses) {
      VarDecl *V = U.Var;
      if (V->getType()->isArrayType() && !canCopyArrays(L, U.Loc))
        return false;
      QualType Pointer = S.Context.getPointerType(V->getType());
      VarDecl *&Current = CurrentOf[V];
      if (!Current) {
        // The pointer changes when the variable moves: after a longjmp
        // back to a setjmp, only a volatile one still says where it went.
        Current = B.local(("__cdefer_" + V->getName()).str(),
                          Plan.ReturnsTwice ? Pointer.withVolatile() : Pointer);
        B.Loc = V->getLocation();
        Current->setInit(B.addressOf(B.ref(V)));
        B.Loc = L.Site->Loc;
      }
      std::string Name = V->getName().str();
      VarDecl *Ref = B.local(slotName(L, Name), Pointer);
      L.Captures.push_back({Ref, nullptr, Name});
      VarDecl *Own = nullptr;
      std::string Kept = slotName(L, Name + "_kept", V);
      if (Plan.OpenCoded) {
        Own = B.local(Kept, keptType(V));
        // The variable's declared alignment (_Alignas) goes with it.
        for (const AlignedAttr *A : V->specific_attrs<AlignedAttr>())
          Own->addAttr(A->clone(S.Context));
      }
      L.Shared.push_back({V, Current, Ref, Own,
                          Markers ? Name + "_kept" : Kept});
    }
    return true;
  }

  /// Each shared variable the site's code names, and the site's pointer to
  /// the instance it keeps.
  static llvm::DenseMap<VarDecl *, VarDecl *> sitePointers(const LoweredSite &L) {
    llvm::DenseMap<VarDecl *, VarDecl *> Through;
    for (const SharedUse &U : L.Shared)
      Through[U.Var] = U.Ref;
    return Through;
  }

  /// Cleanup-attribute variables of the outermost block: the exit sequence
  /// runs their cleanups (OuterCleanups.h).
  void takeOverCleanups() {
    Body = Cleanups.takeOver(B, Body, Prologue);
  }

  /// Arrays of the outermost block that a `return` before them would jump
  /// over get storage that lasts until the function returns.
  void moveVlasOutOfTheExitsWay() {
    if (OuterVlas.empty())
      return;
    std::vector<Stmt *> Values;
    for (LoweredSite &L : Sites)
      for (Capture &C : L.Captures)
        Values.push_back(C.Value);
    std::vector<Stmt **> Roots;
    for (Stmt *&V : Values)
      if (V)
        Roots.push_back(&V);
    Body = moveOuterVlas(B, Body, OuterVlas, Prologue, Roots);
    size_t I = 0;
    for (LoweredSite &L : Sites)
      for (Capture &C : L.Captures)
        C.Value = cast_or_null<Expr>(Values[I++]);
  }

  /// Every use of a shared variable goes through its current instance: in
  /// the body (and in what call-form defers evaluate there), `*current`;
  /// in deferred code, `*` the site's own pointer. Each pointer is declared
  /// right after its variable.
  void redirectSharedVariables() {
    if (CurrentOf.empty())
      return;
    llvm::DenseSet<const Stmt *> DeferredCode;
    for (LoweredSite &L : Sites)
      if (!L.IsCall || !L.Shared.empty()) {
        DeferredCode.insert(L.Code);
        redirectUses(L.Code, B, sitePointers(L), {});
      }
    for (Stmt *&St : Body->body())
      redirectUses(St, B, CurrentOf, DeferredCode);
    for (LoweredSite &L : Sites)
      for (Capture &C : L.Captures)
        if (C.Value) {
          Stmt *Value = C.Value;
          redirectUses(Value, B, CurrentOf, {});
          C.Value = cast<Expr>(Value);
        }
    freshInstancePerIteration(Body, B, CurrentOf);
    for (auto &[Var, Current] : CurrentOf)
      declareAfter(Body, Var, Current, S.Context);
  }



  // --- The runtime's declarations, from <cdefer.h>. ---

  FunctionDecl *lookupFunction(llvm::StringRef Name) {
    return findFileScopeFunction(S, Name);
  }

  RecordDecl *lookupStruct(llvm::StringRef Name) {
    auto *RD = cast_or_null<RecordDecl>(
        findFileScope(S, Name, [](const NamedDecl &ND) {
          const auto *RD = dyn_cast<RecordDecl>(&ND);
          return RD && RD->getDefinition();
        }));
    return RD ? RD->getDefinition() : nullptr;
  }

  /// The record helpers of <cdefer.h>, each checked against the number of
  /// parameters the lowering passes: a stale or edited header is an error,
  /// never a malformed call.
  bool findRuntime() {
    const char *Missing = nullptr, *Mismatched = nullptr;
    auto Find = [&](const char *Name, unsigned Params) -> FunctionDecl * {
      FunctionDecl *FD = lookupFunction(Name);
      if (!FD) {
        Missing = Missing ? Missing : Name;
        return nullptr;
      }
      auto Scalar = [](const ParmVarDecl *P) {
        return P->getType()->isPointerType() || P->getType()->isIntegerType();
      };
      if (!FD->getType()->isFunctionProtoType() ||
          FD->getNumParams() != Params || !llvm::all_of(FD->parameters(), Scalar)) {
        Mismatched = Mismatched ? Mismatched : Name;
        return nullptr;
      }
      return FD;
    };
    // A function with very many defer statements keeps its frame in
    // memory, and starts and pushes with helpers that leave the grew flag
    // alone (cdefer.h).
    bool Large = F.Sites.size() > helper::ManySites;
    Runtime.DeferProc = Find(helper::DeferProc, 2);
    Runtime.DeferProcSite =
        Find(Large ? helper::DeferProcLarge : helper::DeferProcSite, 3);
    if (anySiteArmsLate())
      Runtime.DeferArm = Find(helper::DeferArm, 2);
    Runtime.DeferPending = Find(helper::DeferPending, 1);
    Runtime.DeferReturn = Find(helper::DeferReturn, 1);
    Runtime.DeferPop = Find(helper::DeferPop, 2);
    Runtime.FrameStart =
        Find(Large ? helper::FrameStartLarge : helper::FrameStart, 3);
    Runtime.DeferredSite = Find(helper::DeferredSite, 1);
    Runtime.Frame = lookupStruct(helper::FrameStruct);
    if (!Missing && !Mismatched && !Runtime.Frame)
      Missing = "struct " CDEFER_ABI_STRING(CDEFER_ABI_FRAME);
    if (Missing)
      errMissingRuntime(D, F.Sites.front().Loc, Missing);
    else if (Mismatched)
      errRuntimeMismatch(D, F.Sites.front().Loc, Mismatched);
    return !Missing && !Mismatched;
  }

  // --- Hidden state. ---

  void declareState() {
    B.Loc = Body->getLBracLoc();
    QualType Ret = F.Function->getReturnType();
    if (F.Result)
      Result = hoistResult();
    else if (!Ret->isVoidType())
      // Analyses name it in their notes ("loaded from ..."), as they name
      // the slots after the user's variables.
      Result = declareZeroed(Markers ? "__cdefer_result" : "return value",
                             Ret.getUnqualifiedType());
    if (Plan.OpenCoded) {
      Bits = declareZeroed("__cdefer_bits", S.Context.UnsignedLongLongTy);
    } else {
      // Not zeroed: __cdefer_frame_start sets every field.
      Frame = B.local("__cdefer_frame", B.typeOf(Runtime.Frame));
      Prologue.push_back(B.declare(Frame));
      Captures = B.local("__cdefer_captures", S.Context.VoidPtrTy);
      Prologue.push_back(B.declare(Captures));
    }
    for (LoweredSite &L : Sites) {
      for (Capture &C : L.Captures)
        Prologue.push_back(B.declare(C.Slot));
      for (SharedUse &U : L.Shared)
        if (U.Own)
          Prologue.push_back(B.declare(U.Own));
      if (!Plan.OpenCoded && (!L.Captures.empty() || !L.Shared.empty())) {
        // Defined by a declaration in the body, as C would have it.
        L.Record = recordFor(L);
        Prologue.push_back(B.declare(L.Record));
      }
    }
    if (!Plan.OpenCoded) {
      RecordAlign = commonRecordAlign();
      startFrame();
    }
    Exit = B.label("__cdefer_exit");
  }

  std::vector<uint64_t> recordSizes() const {
    std::vector<uint64_t> Sizes;
    for (const LoweredSite &L : Sites)
      Sizes.push_back(recordSize(L));
    return Sizes;
  }

  /// void *stack[n]; __cdefer_frame_start(&frame, stack, sizeof stack);
  void startFrame() {
    uint64_t Word = maxRecordAlign();
    uint64_t Bytes = llvm::alignTo(
        stackBufferBytes(F, recordSizes(), Plan.Repeats, !Markers), Word);
    QualType Words = S.Context.getConstantArrayType(
        S.Context.VoidPtrTy, llvm::APInt(64, Bytes / Word), nullptr,
        ArraySizeModifier::Normal, 0);
    VarDecl *Stack = B.local("__cdefer_stack", Words);
    Prologue.push_back(B.declare(Stack));
    auto Params = Runtime.FrameStart->parameters();
    Prologue.push_back(B.call(
        Runtime.FrameStart,
        {B.addressOf(B.ref(Frame)),
         B.bitCast(B.addressOf(B.ref(Stack)), S.Context.VoidPtrTy),
         B.integer(Bytes, Params[2]->getType())}));
  }

  /// The `defer_result` variable lives from the function's entry, zeroed,
  /// as a Go named result does: a `return` before its declaration stores
  /// into it (the store came before the variable's lifetime began, and the
  /// function returned garbage), and a panic recovered before it returns
  /// zero. Its declaration becomes an assignment of its initializer
  /// (resultDeclaration).
  VarDecl *hoistResult() {
    VarDecl *R = F.Result;
    ResultInit = R->getInit();
    R->setInit(new (S.Context) ImplicitValueInitExpr(R->getType()));
    Prologue.push_back(B.declare(R));
    return R;
  }

  /// What the declaration group holding the `defer_result` variable
  /// becomes, in order: the others' declarations, and in the result's place
  /// the assignment of its initializer (through a copy where that is a
  /// braced list, which only a declaration takes).
  void resultDeclaration(DeclStmt *DS, std::vector<Stmt *> &Out) {
    for (Decl *Dl : DS->decls()) {
      B.Loc = DS->getBeginLoc();
      if (Dl != Result) {
        Out.push_back(B.declare(Dl));
        continue;
      }
      if (!ResultInit || isa<ImplicitValueInitExpr>(ResultInit))
        continue; // zero from the entry (Attributes.cpp)
      B.Loc = Result->getLocation();
      Expr *Value = ResultInit;
      if (isa<InitListExpr>(Value->IgnoreImplicit())) {
        VarDecl *Copy = B.local("__cdefer_result_init",
                                Result->getType().getUnqualifiedType());
        Copy->setInit(Value);
        Out.push_back(B.declare(Copy));
        Value = B.load(B.ref(Copy));
      }
      Out.push_back(B.assign(B.ref(Result), Value));
    }
  }

  /// The body with the `defer_result` variable's declaration replaced
  /// (Collect.cpp has checked that it is in the outermost block, labeled
  /// or not: a label keeps the first statement it becomes).
  void replaceResultDeclaration() {
    std::vector<Stmt *> Stmts;
    for (Stmt *St : Body->body()) {
      LabelStmt *Label = nullptr;
      Stmt *Inner = St;
      while (auto *L = dyn_cast<LabelStmt>(Inner))
        Inner = (Label = L)->getSubStmt();
      auto *DS = dyn_cast<DeclStmt>(Inner);
      if (!DS || !llvm::is_contained(DS->decls(), Result)) {
        Stmts.push_back(St);
        continue;
      }
      size_t First = Stmts.size();
      resultDeclaration(DS, Stmts);
      if (!Label)
        continue;
      if (Stmts.size() == First)
        Stmts.push_back(new (S.Context) NullStmt(DS->getEndLoc()));
      Label->setSubStmt(Stmts[First]);
      Stmts[First] = St;
    }
    Body = CompoundStmt::Create(S.Context, Stmts,
                                Body->getStoredFPFeaturesOrDefault(),
                                Body->getLBracLoc(), Body->getRBracLoc());
    F.Function->setBody(Body);
  }

  VarDecl *declareZeroed(llvm::StringRef Name, QualType T) {
    VarDecl *VD = B.zeroedLocal(Name, T);
    Prologue.push_back(B.declare(VD));
    return VD;
  }

  /// Records are laid end to end from a start the runtime aligns to 16, so
  /// none may need more alignment than all records share:
  /// CDEFER_RECORD_ALIGN, the size of a pointer. Fields that ask for more
  /// are laid out at that, and read and written as such.
  uint64_t maxRecordAlign() const {
    return S.Context.getTypeSizeInChars(S.Context.VoidPtrTy).getQuantity();
  }

  /// The alignment of every record of this function: that of its most
  /// aligned record, at least the site word's. Three ints make a 12-byte
  /// record, as in a hand-written array of them.
  uint64_t commonRecordAlign() const {
    uint64_t Align =
        S.Context.getTypeAlignInChars(S.Context.UnsignedIntTy).getQuantity();
    for (const LoweredSite &L : Sites)
      if (L.Record)
        Align = std::max<uint64_t>(
            Align,
            S.Context.getTypeAlignInChars(B.typeOf(L.Record)).getQuantity());
    return Align;
  }

  RecordDecl *recordFor(const LoweredSite &L) {
    std::vector<std::pair<std::string, QualType>> Fields;
    for (const Capture &C : L.Captures)
      Fields.push_back({C.Field, C.Slot->getType()});
    for (const SharedUse &U : L.Shared)
      Fields.push_back({U.OwnField, keptFieldType(U.Var)});
    return B.record(slotName(L, "record"), Fields, maxRecordAlign());
  }

  /// With one defer statement, records need not say which made them.
  bool recordsKeepSite() const { return Sites.size() > 1 || anySiteArmsLate(); }

  /// Whether a site's records are pushed disarmed (MovesBeforeCaptures).
  bool anySiteArmsLate() const {
    return llvm::any_of(
        Sites, [](const LoweredSite &L) { return L.MovesBeforeCaptures; });
  }

  /// The captures, then the site number in the last 4 bytes if kept,
  /// rounded up to the records' alignment (cdefer.h).
  uint64_t recordSize(const LoweredSite &L) const {
    uint64_t Captures =
        L.Record
            ? S.Context.getTypeSizeInChars(B.typeOf(L.Record)).getQuantity()
            : 0;
    uint64_t Site =
        recordsKeepSite()
            ? S.Context.getTypeSizeInChars(S.Context.UnsignedIntTy).getQuantity()
            : 0;
    // Never empty: a record of no bytes would not be on the stack at all.
    return llvm::alignTo(std::max<uint64_t>(Captures + Site, 1), RecordAlign);
  }

  // --- Rewriting `defer` and `return` where they stand. ---

  Stmt *rewrite(Stmt *St) {
    if (!St || isa<BlockExpr>(St))
      return St;
    if (!InLoopTransform)
      return rewriteOnce(St);
    // Met again through the loops the directive made: the same answer.
    if (Stmt *Done = Replaced.lookup(St))
      return Done;
    Stmt *New = rewriteOnce(St);
    Replaced[St] = New;
    return New;
  }

  Stmt *rewriteOnce(Stmt *St) {
    if (auto *R = dyn_cast<ReturnStmt>(St))
      return rewriteReturn(R);
    if (LoweredSite *Site = SiteOf.lookup(St))
      return registration(*Site);
    // An OpenMP loop transformation's loops are not among its children and
    // share the original loop's body: a `return` that is a loop's whole
    // body is there too (it left without running the deferred code), and
    // gets the same replacement.
    GeneratedLoops Hidden;
    if (isa<OMPExecutableDirective>(St))
      Hidden = generatedLoops(St);
    bool Outer = InLoopTransform;
    InLoopTransform |= Hidden.Loops || Hidden.PreInits;
    for (Stmt *&Child : evaluatedChildren(St))
      Child = rewrite(Child);
    for (Stmt *Generated : {Hidden.PreInits, Hidden.Loops})
      if (Generated)
        for (Stmt *&Child : evaluatedChildren(Generated))
          Child = rewrite(Child);
    InLoopTransform = Outer;
    return St;
  }

  Stmt *rewriteReturn(ReturnStmt *R) {
    B.Loc = R->getReturnLoc();
    if (const VarDecl *NRVO = R->getNRVOCandidate())
      const_cast<VarDecl *>(NRVO)->setNRVOVariable(false);
    std::vector<Stmt *> Stmts;
    if (Expr *Value = R->getRetValue())
      Stmts.push_back(Result ? B.assign(B.ref(Result), Value) : Value);
    Stmts.push_back(B.jump(Exit));
    return B.block(Stmts);
  }

  /// The defer's values, into their slots; then, open-coded, the shared
  /// variables move to the site's storage and its bit is set, or with
  /// records, the record is pushed, the variables move into it and the
  /// slots are copied there. A site whose values may hold a shared
  /// variable's address moves the variables first (MovesBeforeCaptures):
  /// open-coded, nothing else changes; with records, the record is pushed
  /// disarmed and armed once the values are in.
  Stmt *registration(LoweredSite &L) {
    B.Loc = L.Site->Loc;
    std::vector<Stmt *> Stmts;
    bool Late = L.MovesBeforeCaptures;
    if (Plan.OpenCoded) {
      if (Late)
        keepInstances(L, Stmts);
      takeValues(L, Stmts);
      if (!Late)
        keepInstances(L, Stmts);
      Stmts.push_back(B.compoundAssign(BO_OrAssign, B.ref(Bits), mask(L)));
    } else {
      if (!Late)
        takeValues(L, Stmts);
      pushRecord(L, Stmts);
    }
    return B.block(Stmts);
  }

  void takeValues(LoweredSite &L, std::vector<Stmt *> &Stmts) {
    for (Capture &C : L.Captures)
      if (C.Value)
        Stmts.push_back(C.Value->isGLValue()
                            ? B.copy(B.ref(C.Slot), C.Value)
                            : B.assign(B.ref(C.Slot), C.Value));
  }

  void keepInstances(LoweredSite &L, std::vector<Stmt *> &Stmts) {
    for (SharedUse &U : L.Shared)
      keepInstance(L, U, [&] { return B.ref(U.Own); }, Stmts);
  }

  /// if (current == &var) { own = *current; current = &own; }
  /// (an array: memcpy(&own, current, sizeof own))
  /// ref = current;
  /// The first defer of the variable's instance moves it into storage of
  /// its own, which the rest of the block then uses; later ones share it.
  /// \p Own makes a new reference to that storage each time it is called.
  void keepInstance(const LoweredSite &L, SharedUse &U,
                    llvm::function_ref<Expr *()> Own,
                    std::vector<Stmt *> &Stmts) {
    // Coverage sums the counts of regions with the same source range: the
    // test, the move and what follows them must not all stand at the
    // `defer`, or its line would count several times. The test spans the
    // `defer` and the block's brace, and the move stands at the brace.
    SourceLocation AtDefer = B.Loc;
    Expr *Current = B.load(B.ref(U.Current));
    B.Loc = L.Code->getBeginLoc();
    Expr *StillInBlock = B.compare(BO_EQ, Current, B.addressOf(B.ref(U.Var)));
    Stmt *Move = B.block(
        {B.copy(Own(), B.deref(B.load(B.ref(U.Current)))),
         B.assign(B.ref(U.Current),
                  B.bitCast(B.addressOf(Own()), U.Current->getType()))});
    B.Loc = AtDefer;
    Stmts.push_back(B.ifThen(StillInBlock, Move));
    Stmts.push_back(B.assign(B.ref(U.Ref), B.load(B.ref(U.Current))));
  }

  Expr *mask(const LoweredSite &L) {
    return B.integer(1ull << Plan.Bit[L.Site->Index],
                     S.Context.UnsignedLongLongTy);
  }

  Expr *recordCaptures(const LoweredSite &L) {
    return B.paren(B.cast(B.load(B.ref(Captures)),
                          S.Context.getPointerType(B.typeOf(L.Record))));
  }

  /// captures = __cdefer_deferproc_site(&frame, site, size) (or, with one
  /// defer statement, __cdefer_deferproc(&frame, size)); captures->field = slot
  void pushRecord(LoweredSite &L, std::vector<Stmt *> &Stmts) {
    Expr *Call;
    bool Late = L.MovesBeforeCaptures;
    if (recordsKeepSite()) {
      auto Params = Runtime.DeferProcSite->parameters();
      unsigned Site = L.Site->Index | (Late ? DisarmedSite : 0);
      Call = B.call(Runtime.DeferProcSite,
                    {B.addressOf(B.ref(Frame)),
                     B.integer(Site, Params[1]->getType()),
                     B.integer(recordSize(L), Params[2]->getType())});
    } else {
      auto Params = Runtime.DeferProc->parameters();
      Call = B.call(Runtime.DeferProc,
                    {B.addressOf(B.ref(Frame)),
                     B.integer(recordSize(L), Params[1]->getType())});
    }
    if (!L.Record) {
      Stmts.push_back(Call);
      return;
    }
    Stmts.push_back(B.assign(B.ref(Captures), Call));
    auto Field = L.Record->field_begin();
    auto OwnField = std::next(Field, L.Captures.size());
    for (SharedUse &U : L.Shared) {
      FieldDecl *Kept = *OwnField++;
      keepInstance(L, U, [&] { return keptInRecord(L, U, Kept); }, Stmts);
    }
    if (Late)
      takeValues(L, Stmts);
    for (Capture &C : L.Captures)
      Stmts.push_back(
          B.copy(B.arrow(recordCaptures(L), *Field++), B.ref(C.Slot)));
    if (Late) {
      auto Params = Runtime.DeferArm->parameters();
      Stmts.push_back(B.call(Runtime.DeferArm,
                             {B.addressOf(B.ref(Frame)),
                              B.integer(L.Site->Index, Params[1]->getType())}));
    }
  }

  // --- The exit sequence. ---

  void finishBody() {
    B.Loc = Exits.at(S.getSourceManager(), Body->getRBracLoc(), Plan.OpenCoded);
    // The state the unwinding copies run from: the mask, or the frame.
    Expr *StateAddress =
        B.bitCast(B.addressOf(B.ref(Bits ? Bits : Frame)), S.Context.VoidPtrTy);
    std::vector<Stmt *> Exiting;
    // Whether the function is declared noreturn, which the IR does not
    // always say (UBSan drops the attribute).
    Expr *NoReturn = B.integer(F.Function->isNoReturn(), S.Context.IntTy);
    if (Markers)
      Exiting.push_back(
          B.call(B.markerFunction(ExitMarker, S.Context.VoidTy,
                                  {S.Context.VoidPtrTy, S.Context.IntTy}),
                 {StateAddress, NoReturn}));
    std::vector<Stmt *> Sequence =
        Plan.OpenCoded ? openCodedExit() : recordsExit();
    Exiting.insert(Exiting.end(), Sequence.begin(), Sequence.end());
    Cleanups.run(B, Exiting);
    B.Loc = Body->getRBracLoc();
    if (Markers && F.Function->isNoReturn())
      Exiting.push_back(B.call(
          B.markerFunction(ExitEndMarker, S.Context.VoidTy, {}), {}));
    Exiting.push_back(B.ret(Result ? B.load(B.ref(Result)) : nullptr));

    std::vector<Stmt *> All = Prologue;
    All.insert(All.end(), Body->body_begin(), Body->body_end());
    // Reaching main's closing brace is `return 0;`, which a named result
    // receives like any other (a return jumps past this).
    if (F.Function->isMain() && F.Result)
      All.push_back(B.assign(B.ref(Result), B.integer(0, Result->getType())));
    All.push_back(B.labeled(Exit, B.block(Exiting)));
    CompoundStmt *NewBody =
        CompoundStmt::Create(S.Context, All, Body->getStoredFPFeaturesOrDefault(),
                             Body->getLBracLoc(), Body->getRBracLoc());
    F.Function->setBody(NewBody);
  }

  /// Tells the IR pass what kind of deferred code follows. Before a call:
  ///   __cdefer_site_call((void *)callee, set)
  /// (the runtime then gives the token to that function alone); before a
  /// block:
  ///   [site_token =] __cdefer_site_block(set)
  /// set: the site's bit is set at every normal exit (Plan.SetAtExit).
  Stmt *siteMarker(const LoweredSite &L) {
    bool SetAtExit = Plan.OpenCoded && Plan.SetAtExit[L.Site->Index];
    Expr *Set = B.integer(SetAtExit, S.Context.IntTy);
    if (L.IsCall)
      return B.call(B.markerFunction(CallSiteMarker, S.Context.VoidTy,
                                     {S.Context.VoidPtrTy, S.Context.IntTy}),
                    {calleeAddress(L), Set});
    Expr *Marker = B.call(B.markerFunction(BlockSiteMarker,
                                           S.Context.getSizeType(),
                                           {S.Context.IntTy}),
                          {Set});
    if (Tokens.SiteToken)
      return B.assign(B.ref(Tokens.SiteToken), Marker);
    return Marker;
  }

  void addSiteMarker(const LoweredSite &L, std::vector<Stmt *> &Stmts) {
    if (Markers)
      Stmts.push_back(siteMarker(L));
  }

  /// The function a call-form defer calls, as a data pointer, or null when
  /// it cannot call recover() (a builtin, a block).
  Expr *calleeAddress(const LoweredSite &L) {
    CallExpr *Call = deferredCall(S.Context, L.Code);
    Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
    if (auto *Ref = dyn_cast<DeclRefExpr>(Callee))
      if (auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl()))
        return Fn->getBuiltinID() ? B.nullPointer() : B.functionAddress(Fn);
    if (L.CalleeSlot && L.CalleeSlot->getType()->isFunctionPointerType())
      return B.cast(B.load(B.ref(L.CalleeSlot)), S.Context.VoidPtrTy);
    return B.nullPointer();
  }

  /// if (bits & mask) { bits &= ~mask; code } for each site, last bit first.
  /// Where every normal exit passes the defer (Plan.SetAtExit) the test is
  /// for the unwinding copy only: the IR pass drops it from the exit
  /// sequence once it has made the copy, and without the IR pass it is
  /// not written at all.
  std::vector<Stmt *> openCodedExit() {
    std::vector<LoweredSite *> ByBit(Sites.size());
    for (LoweredSite &L : Sites)
      ByBit[Plan.Bit[L.Site->Index]] = &L;
    std::vector<Stmt *> Out;
    QualType U64 = S.Context.UnsignedLongLongTy;
    for (auto It = ByBit.rbegin(); It != ByBit.rend(); ++It) {
      LoweredSite &L = **It;
      uint64_t Mask = 1ull << Plan.Bit[L.Site->Index];
      // The bit is cleared for the unwinding copies (a panic in deferred
      // code must not run it again), which exist only with the markers.
      std::vector<Stmt *> Run;
      if (Markers)
        Run.push_back(B.compoundAssign(BO_AndAssign, B.ref(Bits),
                                       B.integer(~Mask, U64)));
      addSiteMarker(L, Run);
      Run.push_back(L.Code);
      Stmt *Code = B.blockSpanning(Run, L.Code);
      if (!Markers && Plan.SetAtExit[L.Site->Index]) {
        Out.push_back(Code);
        continue;
      }
      Expr *Test = B.binary(BO_And, B.load(B.ref(Bits)), B.integer(Mask, U64));
      Out.push_back(B.ifThen(Test, Code));
    }
    return Out;
  }

  /// do
  ///   if (__cdefer_deferpending(&frame))
  ///     do
  ///       switch (__cdefer_deferred_site(&frame)) {
  ///       case i: { captures = __cdefer_deferpop(&frame, size);
  ///                 slot = captures->field; code } break;
  ///       }
  ///     while (__cdefer_deferpending(&frame));
  /// while (__cdefer_deferreturn(&frame));
  /// A function with one defer statement needs no switch. Where a defer
  /// can repeat, the inner loop tests last, so that the optimizer can
  /// unroll a counted loop's records (cdefer.h says why). Where none can,
  /// there is nothing to unroll, and the loop that tests first compiles
  /// faster: 1,000 small record-based functions inlined into one caller
  /// took 15.5 s at -O2 with the test last, 12.5 s with it first (GVN
  /// merging what unrolling each frame's single run left behind).
  std::vector<Stmt *> recordsExit() {
    std::vector<uint64_t> Values;
    std::vector<Stmt *> Bodies;
    for (LoweredSite &L : Sites) {
      Values.push_back(L.Site->Index);
      Bodies.push_back(runRecord(L));
    }
    for (LoweredSite &L : Sites)
      if (L.MovesBeforeCaptures) { // a panic took its values: run nothing
        Values.push_back(L.Site->Index | DisarmedSite);
        Bodies.push_back(B.block({popRecord(L)}));
      }
    Stmt *Run = Bodies.front();
    if (recordsKeepSite())
      Run = B.dispatch(
          B.call(Runtime.DeferredSite, {B.addressOf(B.ref(Frame))}), Values,
          Bodies);
    auto Pending = [&] {
      return B.call(Runtime.DeferPending, {B.addressOf(B.ref(Frame))});
    };
    // Where no record can go to a chunk (stackBufferHoldsAll), the records
    // are at most one per site, and there is no chunk to go back to: one
    // site is an `if`, and the walk over chunks goes. In a panic's copy of
    // the exit, which works on a frame in memory, nothing else can fold
    // them away (2,000 inlined one-defer functions: 22.9 s -> 17.0 s).
    if (stackBufferHoldsAll(recordSizes(), Plan.Repeats))
      return {Sites.size() == 1 ? B.ifThen(Pending(), Run)
                                : B.whileLoop(Pending(), Run)};
    Expr *Older = B.call(Runtime.DeferReturn, {B.addressOf(B.ref(Frame))});
    Stmt *Drain = llvm::is_contained(Plan.Repeats, true)
                      ? B.ifThen(Pending(), B.doWhile(Run, Pending()))
                      : B.whileLoop(Pending(), Run);
    return {B.doWhile(B.block({Drain}), Older)};
  }

  /// Takes the newest record, whose site is L, and runs L's code with the
  /// values it captured.
  Expr *popRecord(const LoweredSite &L) {
    auto Params = Runtime.DeferPop->parameters();
    return B.call(Runtime.DeferPop,
                  {B.addressOf(B.ref(Frame)),
                   B.integer(recordSize(L), Params[1]->getType())});
  }

  Stmt *runRecord(LoweredSite &L) {
    Expr *Pop = popRecord(L);
    // The marker first: in the unwinding copies it becomes a call, and
    // nothing loaded from the record then has to be kept across it. A
    // captured callee is the marker's operand, so then it comes after.
    bool MarkerNeedsCaptures = L.CalleeSlot != nullptr;
    std::vector<Stmt *> Stmts;
    if (!MarkerNeedsCaptures)
      addSiteMarker(L, Stmts);
    if (!L.Record) {
      Stmts.push_back(Pop);
    } else {
      Stmts.push_back(B.assign(B.ref(Captures), Pop));
      auto Field = L.Record->field_begin();
      for (Capture &C : L.Captures)
        Stmts.push_back(
            B.copy(B.ref(C.Slot), B.arrow(recordCaptures(L), *Field++)));
    }
    if (MarkerNeedsCaptures)
      addSiteMarker(L, Stmts);
    // `if (1)`, which costs no code, gives the code a coverage region of
    // its own, counting its runs (AstBuilder::blockSpanning).
    Stmts.push_back(B.ifThen(B.integer(1, S.Context.IntTy), L.Code));
    return B.block(Stmts);
  }
};

} // namespace

LoweringPlan::~LoweringPlan() = default;

SourceLocation ExitLocations::at(SourceManager &SM, SourceLocation Brace,
                                 bool OpenCoded) {
  if (!Hide || !OpenCoded)
    return Brace;
  static constexpr llvm::StringLiteral Text = "__cdefer_exit_sequence";
  if (Spelling.isInvalid())
    Spelling = SM.getLocForStartOfFile(SM.createFileID(
        llvm::MemoryBuffer::getMemBuffer(Text, "<cdefer exit sequence>"),
        SrcMgr::C_System));
  // As long as the buffer: coverage ends a region one token on.
  return SM.createExpansionLoc(Spelling, Brace, Brace, Text.size());
}

std::unique_ptr<LoweringPlan> planLowering(Sema &S, FunctionDefers &F,
                                           const Strategy &Plan, bool Markers,
                                           ExitLocations &Exits) {
  auto L = std::make_unique<Lowering>(S, F, Plan, Markers, Exits);
  if (!L->check())
    return nullptr;
  return L;
}

} // namespace cdefer
