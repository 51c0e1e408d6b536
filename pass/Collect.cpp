//===- Collect.cpp - find a function's defers and reject their misuse -----===//
//
// Runs on every function definition, after Sema accepted it and before it is
// lowered. Everything the dialect forbids is reported here, at the offending
// token, with a note at its `defer`: jumps out of or into deferred code,
// `return` inside it, defers where cdefer cannot run them (statement
// expressions, block literals, other deferred statements) and misplaced
// `defer_result` variables.
//
//===----------------------------------------------------------------------===//
#include "Defers.h"
#include "Diagnostics.h"
#include "OpenMPLoops.h"
#include "VariablyModified.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Frontend/OpenMP/OMP.h"

#include <utility>

using namespace clang;

namespace cdefer {

bool hasAnnotation(const Attr *A, llvm::StringRef Name) {
  const auto *Annotate = dyn_cast<AnnotateAttr>(A);
  return Annotate && Annotate->getAnnotation() == Name;
}

AttributedStmt *asDefer(Stmt *S) {
  auto *AS = dyn_cast_or_null<AttributedStmt>(S);
  if (!AS)
    return nullptr;
  for (const Attr *A : AS->getAttrs())
    if (hasAnnotation(A, DeferAnnotation))
      return AS;
  return nullptr;
}

/// `defer defer S;` is one statement with two defer attributes: the second.
static const Attr *secondDefer(const AttributedStmt *AS) {
  bool Seen = false;
  for (const Attr *A : AS->getAttrs())
    if (hasAnnotation(A, DeferAnnotation) && std::exchange(Seen, true))
      return A;
  return nullptr;
}

LabelStmt *asLabeledDefer(Stmt *S) {
  auto *LS = dyn_cast_or_null<LabelStmt>(S);
  if (!LS || !LS->getDecl()->hasAttrs())
    return nullptr;
  for (const Attr *A : LS->getDecl()->getAttrs())
    if (hasAnnotation(A, DeferAnnotation))
      return LS;
  return nullptr;
}

/// \p Deferred without parentheses and casts to void: `defer (void)f(x);`
/// is still a call.
static Expr *deferredExpr(Stmt *Deferred) {
  auto *E = dyn_cast<Expr>(Deferred);
  while (E) {
    E = E->IgnoreParens();
    auto *Cast = dyn_cast<CStyleCastExpr>(E);
    if (!Cast || Cast->getCastKind() != CK_ToVoid)
      break;
    E = Cast->getSubExpr();
  }
  return E;
}

AtomicExpr *deferredAtomic(Stmt *Deferred) {
  return dyn_cast_or_null<AtomicExpr>(deferredExpr(Deferred));
}

CallExpr *deferredCall(ASTContext &Ctx, Stmt *Deferred) {
  auto *Call = dyn_cast_or_null<CallExpr>(deferredExpr(Deferred));
  if (!Call)
    return nullptr;
  if (const FunctionDecl *Fn = Call->getDirectCallee())
    if (unsigned ID = Fn->getBuiltinID())
      if (!Ctx.BuiltinInfo.isPredefinedLibFunction(ID))
        return nullptr;
  return Call;
}

static SourceLocation labeledDeferLoc(LabelStmt *LS) {
  for (const Attr *A : LS->getDecl()->getAttrs())
    if (hasAnnotation(A, DeferAnnotation))
      return A->getLocation();
  return LS->getBeginLoc();
}

/// Removes the `defer_result` annotation once it has been read: left on the
/// variable, CodeGen would emit an llvm.var.annotation call for it.
static bool takeResultAnnotation(VarDecl *VD) {
  if (!VD->hasAttrs())
    return false;
  AttrVec &Attrs = VD->getAttrs();
  size_t Before = Attrs.size();
  llvm::erase_if(Attrs,
                 [](const Attr *A) { return hasAnnotation(A, ResultAnnotation); });
  return Attrs.size() != Before;
}

namespace {

/// A jump to a label: `goto`, or a label of an `asm goto`.
struct LabelJump {
  const LabelDecl *Label;
  SourceLocation Loc;
  const char *Keyword; // for errors
};

/// Checks one deferred statement for control flow that would leave it.
/// Deferred code nested in it is left to its own checker: each statement
/// is looked at once, however deep the nesting (rescanning every nested
/// level was most of the 9 s that 160 nested blocks took to compile).
class DeferredBodyChecker {
public:
  DeferredBodyChecker(DiagnosticsEngine &D, const SourceManager &SM,
                      SourceLocation DeferLoc)
      : D(D), SM(SM), DeferLoc(DeferLoc) {}

  /// Reports what leaves \p Body but its gotos, which wait for finish().
  void scan(Stmt *Body) { scan(Body, 0, 0); }

  /// Reports the gotos to labels outside the statement; \p NestedDefer
  /// tells where the deferred code nested in it has a label: a goto there
  /// jumps into that code. Returns false if anything was reported.
  bool finish(llvm::function_ref<SourceLocation(const LabelDecl *)> NestedDefer) {
    for (auto &[Label, Loc, Keyword] : Gotos) {
      if (Labels.count(Label))
        continue;
      if (SourceLocation Nested = NestedDefer(Label); Nested.isValid()) {
        errJumpIntoDeferred(D, diagnosticLoc(SM, Loc),
                            ("'" + llvm::Twine(Keyword) + "'").str());
        noteDeferHere(D, Nested);
        Failed = true;
      } else {
        fail(Loc, Keyword);
      }
    }
    return !Failed;
  }

  const llvm::SmallPtrSetImpl<const LabelDecl *> &labels() const {
    return Labels;
  }

  /// `goto *p;` inside the deferred statement: it stays inside only if
  /// every label whose address the function takes is inside too.
  const llvm::SmallVectorImpl<SourceLocation> &indirectGotos() const {
    return IndirectGotos;
  }

private:
  DiagnosticsEngine &D;
  const SourceManager &SM;
  SourceLocation DeferLoc;
  llvm::SmallPtrSet<const LabelDecl *, 8> Labels;
  llvm::SmallPtrSet<const Stmt *, 8> Targets; // loops and switches inside
  // `goto L` and `asm goto` with their targets, once all labels are known.
  llvm::SmallVector<LabelJump, 4> Gotos;
  llvm::SmallVector<SourceLocation, 2> IndirectGotos;
  bool Failed = false;

  void fail(SourceLocation Loc, llvm::StringRef Keyword) {
    errLeavesDeferred(D, diagnosticLoc(SM, Loc), Keyword);
    noteDeferHere(D, DeferLoc);
    Failed = true;
  }

  void note() {
    noteDeferHere(D, DeferLoc);
    Failed = true;
  }

  void scanLoopControl(LoopControlStmt *LC, bool Allowed, llvm::StringRef Kw) {
    if (LC->hasLabelTarget()) {
      if (!Targets.count(LC->getNamedLoopOrSwitch()))
        fail(LC->getKwLoc(), Kw);
      return;
    }
    if (!Allowed)
      fail(LC->getKwLoc(), Kw);
  }

  void scan(Stmt *S, unsigned Loops, unsigned Switches) {
    if (!S || isa<BlockExpr>(S) || asDefer(S))
      return;
    if (LabelStmt *Labeled = asLabeledDefer(S)) { // `L:` is here, S nested
      Labels.insert(Labeled->getDecl());
      return;
    }
    switch (S->getStmtClass()) {
    case Stmt::ReturnStmtClass:
      errReturnInDeferred(D, diagnosticLoc(SM, S->getBeginLoc()));
      note();
      return;
    case Stmt::BreakStmtClass:
      scanLoopControl(cast<LoopControlStmt>(S), Loops + Switches > 0, "break");
      return;
    case Stmt::ContinueStmtClass:
      scanLoopControl(cast<LoopControlStmt>(S), Loops > 0, "continue");
      return;
    case Stmt::GotoStmtClass: {
      auto *G = cast<GotoStmt>(S);
      Gotos.push_back({G->getLabel(), G->getGotoLoc(), "goto"});
      return;
    }
    case Stmt::GCCAsmStmtClass:
      // Its labels are no children: the walk would not see them.
      for (const AddrLabelExpr *L : cast<GCCAsmStmt>(S)->labels())
        Gotos.push_back({L->getLabel(), L->getBeginLoc(), "asm goto"});
      break;
    case Stmt::IndirectGotoStmtClass:
      IndirectGotos.push_back(S->getBeginLoc()); // judged with the function
      return;
    case Stmt::LabelStmtClass:
      Labels.insert(cast<LabelStmt>(S)->getDecl());
      break;
    case Stmt::CaseStmtClass:
    case Stmt::DefaultStmtClass:
      if (Switches == 0) {
        errJumpIntoDeferred(D, diagnosticLoc(SM, S->getBeginLoc()),
                            isa<CaseStmt>(S)
                                ? "a 'case' label of an outer 'switch'"
                                : "a 'default' label of an outer 'switch'");
        note();
      }
      break;
    case Stmt::ForStmtClass:
    case Stmt::WhileStmtClass:
    case Stmt::DoStmtClass:
      Targets.insert(S);
      for (Stmt *Child : evaluatedChildren(S))
        scan(Child, Loops + 1, Switches);
      return;
    case Stmt::SwitchStmtClass:
      Targets.insert(S);
      for (Stmt *Child : evaluatedChildren(S))
        scan(Child, Loops, Switches + 1);
      return;
    default:
      break;
    }
    for (Stmt *Child : evaluatedChildren(S))
      scan(Child, Loops, Switches);
  }
};

/// Walks a function body once, collecting defers and checking every rule
/// that needs to know where a statement sits.
class Collector {
public:
  Collector(Sema &S, FunctionDecl &FD, FunctionDefers &Out)
      : D(S.getDiagnostics()), SM(S.getSourceManager()), Ctx(S.Context),
        FD(FD), Out(Out) {}

  bool run() {
    auto *Body = dyn_cast_or_null<CompoundStmt>(FD.getBody());
    if (!Body)
      return true;
    Out.Function = &FD;
    for (Stmt *S : Body->body()) {
      while (auto *Label = dyn_cast<LabelStmt>(S)) // C23: `L: int x;`
        S = Label->getSubStmt();
      if (auto *DS = dyn_cast<DeclStmt>(S))
        TopLevel.insert(DS);
    }
    walk(Body, nullptr, false);
    checkJumpsIntoDeferred();
    checkIndirectGotosInDeferred();
    checkMustTail();
    return Ok;
  }

private:
  DiagnosticsEngine &D;
  const SourceManager &SM;
  ASTContext &Ctx;
  FunctionDecl &FD;
  FunctionDefers &Out;
  bool Ok = true;
  llvm::SmallPtrSet<const DeclStmt *, 16> TopLevel;
  // Labels defined inside a deferred statement, with the innermost defer
  // they are in, and in the order the walk found them.
  llvm::DenseMap<const LabelDecl *, SourceLocation> DeferredLabels;
  std::vector<const LabelDecl *> LabelsInDeferOrder;
  llvm::SmallVector<LabelJump, 8> Jumps;
  // Labels whose address is taken anywhere in the function.
  llvm::SmallPtrSet<const LabelDecl *, 8> AddressTaken;
  // `goto *` in deferred code, with its defer.
  llvm::SmallVector<std::pair<SourceLocation, SourceLocation>, 2> IndirectGotos;
  llvm::SmallVector<SourceLocation, 2> MustTails;
  // The OpenMP loop transformations around the statement being walked.
  llvm::SmallVector<const OMPExecutableDirective *, 1> Transforms;

  SourceLocation loc(SourceLocation L) const { return userLoc(SM, L); }

  void walk(Stmt *S, const DeferSite *InDefer, bool InStmtExpr,
            bool InDeferTS = false) {
    if (!S)
      return;
    if (InDeferTS && (asDefer(S) || asLabeledDefer(S))) {
      errDeferInDeferTS(D, loc(asDefer(S) ? asDefer(S)->getAttrLoc()
                                          : labeledDeferLoc(asLabeledDefer(S))));
      Ok = false;
      return;
    }
    if (AttributedStmt *Defer = asDefer(S)) {
      if (const Attr *Twice = secondDefer(Defer)) {
        errDeferOperand(D, loc(Twice->getLocation()), "another 'defer'");
        Ok = false;
        return;
      }
      visitDefer(Defer, Defer->getSubStmt(), Defer->getAttrLoc(), InDefer,
                 InStmtExpr);
      return;
    }
    if (LabelStmt *Labeled = asLabeledDefer(S)) {
      visitLabeledDefer(Labeled, InDefer, InStmtExpr);
      return;
    }
    if (auto *DS = dyn_cast<DeclStmt>(S))
      visitDecls(DS);
    if (auto *Address = dyn_cast<AddrLabelExpr>(S))
      AddressTaken.insert(Address->getLabel());
    if (auto *AS = dyn_cast<AttributedStmt>(S))
      if (llvm::any_of(AS->getAttrs(),
                       [](const Attr *A) { return isa<MustTailAttr>(A); }))
        MustTails.push_back(AS->getBeginLoc());
    if (!InDefer)
      noteJump(S);
    bool Nested = InStmtExpr || isa<StmtExpr>(S);
    bool DeferTS = InDeferTS || isa<DeferStmt>(S); // C2y's block-scoped _Defer
    const OMPExecutableDirective *Transform = nullptr;
    if (auto *Directive = dyn_cast<OMPExecutableDirective>(S)) {
      forEachHelperVariable(*Directive, [&](const VarDecl &Var) {
        Out.InOpenMP.push_back({&Var, Directive->getBeginLoc()});
      });
      Transform = loopTransform(S);
    }
    if (Transform)
      Transforms.push_back(Transform);
    for (Stmt *Child : evaluatedChildren(S))
      walk(Child, InDefer, Nested, DeferTS);
    if (Transform)
      Transforms.pop_back();
  }

  /// An OpenMP loop transformation whose generated loops CodeGen compiles
  /// (OpenMPLoops.h). A partial unroll no other directive takes is the
  /// loop itself, with metadata; one that another takes is inside that one.
  static const OMPExecutableDirective *loopTransform(const Stmt *S) {
    if (isa<OMPUnrollDirective>(S) || !generatedLoops(S).Loops)
      return nullptr;
    return cast<OMPExecutableDirective>(S);
  }

  void visitLabeledDefer(LabelStmt *Labeled, const DeferSite *InDefer,
                         bool InStmtExpr) {
    // `defer L: S;` gives the label the attribute too: it ran as
    // `L: defer S;`.
    // Where they are spelt, not in the user's file: a macro may write both.
    if (SM.isBeforeInTranslationUnit(labeledDeferLoc(Labeled),
                                     Labeled->getIdentLoc())) {
      errDeferOperand(D, loc(labeledDeferLoc(Labeled)), "a labeled statement");
      Ok = false;
      return;
    }
    Stmt *Sub = Labeled->getSubStmt();
    if (isa<Expr>(Sub) || isa<CompoundStmt>(Sub)) {
      visitDefer(Sub, Sub, labeledDeferLoc(Labeled), InDefer, InStmtExpr,
                 Labeled);
      return;
    }
    if (isa<DeclStmt>(Sub))
      errDeferOfDeclaration(D, loc(labeledDeferLoc(Labeled)));
    else
      errDeferOperand(D, loc(labeledDeferLoc(Labeled)), describeStatement(Sub));
    Ok = false;
  }

  void visitDefer(Stmt *Statement, Stmt *Deferred, SourceLocation AttrLoc,
                  const DeferSite *InDefer, bool InStmtExpr,
                  LabelStmt *Label = nullptr) {
    SourceLocation Loc = loc(AttrLoc);
    DeferSite Site{Statement, Deferred, Loc, unsigned(Out.Sites.size()),
                   Label};
    if (InStmtExpr) {
      errDeferInStmtExpr(D, Loc);
      Ok = false;
    } else if (!Transforms.empty() && !InDefer) {
      // Where the defer stands in for a loop's whole body, the loops the
      // directive made still had the defer itself, and ran it in place.
      errDeferInLoopTransform(
          D, Loc,
          llvm::omp::getOpenMPDirectiveName(
              Transforms.back()->getDirectiveKind(),
              llvm::omp::FallbackVersion));
      Ok = false;
    } else if (InDefer) {
      // In a deferred block (a deferred expression could only hold it in a
      // statement expression): it runs when the block ends, and the block
      // becomes a function of its own, whose defer this is
      // (OutlineDeferred.cpp).
      if (!llvm::is_contained(Out.Outlined, InDefer->Index))
        Out.Outlined.push_back(InDefer->Index);
    } else {
      Out.Sites.push_back(Site);
    }
    DeferredBodyChecker Checker(D, SM, Loc);
    Checker.scan(Deferred);
    for (const LabelDecl *L : Checker.labels()) {
      DeferredLabels[L] = Loc;
      LabelsInDeferOrder.push_back(L);
    }
    for (SourceLocation Goto : Checker.indirectGotos())
      IndirectGotos.push_back({Goto, Loc});
    size_t NestedFrom = LabelsInDeferOrder.size();
    walk(Deferred, InDefer ? InDefer : &Site, InStmtExpr);
    // The labels the walk found in defers nested in this one.
    llvm::ArrayRef<const LabelDecl *> Nested =
        llvm::ArrayRef(LabelsInDeferOrder).drop_front(NestedFrom);
    if (!Checker.finish([&](const LabelDecl *L) {
          return llvm::is_contained(Nested, L) ? DeferredLabels.lookup(L)
                                               : SourceLocation();
        }))
      Ok = false;
  }

  /// Gotos and label addresses outside deferred code, checked once all
  /// deferred labels are known.
  void noteJump(Stmt *S) {
    if (auto *G = dyn_cast<GotoStmt>(S))
      Jumps.push_back({G->getLabel(), G->getGotoLoc(), "'goto'"});
    else if (auto *A = dyn_cast<AddrLabelExpr>(S))
      Jumps.push_back({A->getLabel(), A->getAmpAmpLoc(), "'goto'"});
    else if (auto *Asm = dyn_cast<GCCAsmStmt>(S))
      for (const AddrLabelExpr *L : Asm->labels())
        Jumps.push_back({L->getLabel(), L->getBeginLoc(), "'asm goto'"});
  }

  /// A computed goto in deferred code may reach any label whose address the
  /// function takes: all of them must be in that same deferred statement.
  void checkIndirectGotosInDeferred() {
    for (const auto &Pending : IndirectGotos) {
      SourceLocation Goto = Pending.first, DeferLoc = Pending.second;
      bool Inside = llvm::all_of(AddressTaken, [&](const LabelDecl *L) {
        auto It = DeferredLabels.find(L);
        return It != DeferredLabels.end() && It->second == DeferLoc;
      });
      if (Inside)
        continue;
      errLeavesDeferred(D, loc(Goto), "goto *");
      noteDeferHere(D, DeferLoc);
      Ok = false;
    }
  }

  /// A `musttail` return leaves no room to run deferred statements after
  /// the call it makes: rejected in a function with defers.
  void checkMustTail() {
    if (Out.Sites.empty())
      return;
    for (SourceLocation Loc : MustTails) {
      errMustTailWithDefers(D, loc(Loc));
      Ok = false;
    }
  }

  void checkJumpsIntoDeferred() {
    for (auto &[Label, Loc, Keyword] : Jumps) {
      auto It = DeferredLabels.find(Label);
      if (It == DeferredLabels.end())
        continue;
      errJumpIntoDeferred(D, loc(Loc), Keyword);
      noteDeferHere(D, It->second);
      Ok = false;
    }
  }

  void visitDecls(DeclStmt *DS) {
    for (Decl *Dl : DS->decls())
      if (auto *VD = dyn_cast<VarDecl>(Dl))
        if (takeResultAnnotation(VD))
          visitResult(VD, TopLevel.count(DS) && VD->hasLocalStorage());
  }

  void visitResult(VarDecl *VD, bool Placed) {
    SourceLocation Loc = loc(VD->getLocation());
    if (!Placed) {
      errResultNotLocal(D, Loc);
      Ok = false;
      return;
    }
    if (Out.Result) {
      errResultTwice(D, Loc);
      notePreviousResult(D, loc(Out.Result->getLocation()));
      Ok = false;
      return;
    }
    QualType Ret = FD.getReturnType();
    if (!Ctx.hasSameUnqualifiedType(VD->getType(), Ret)) {
      errResultType(D, Loc, VD->getType().getAsString(), Ret.getAsString());
      Ok = false;
      return;
    }
    // A const result would be assigned all the same, and clang reads a
    // const object's constant initializer instead of it.
    if (VD->getType().isConstQualified()) {
      errResultConst(D, Loc);
      Ok = false;
      return;
    }
    // It lives from the function's entry (Lower.cpp), so its cleanup would
    // run even where its declaration never did; and it would release what
    // the function returns.
    if (VD->hasAttr<CleanupAttr>()) {
      errResultCleanup(D, Loc);
      Ok = false;
      return;
    }
    Out.Result = VD;
  }
};

} // namespace

bool collectDefers(Sema &S, FunctionDecl &FD, FunctionDefers &Out) {
  return Collector(S, FD, Out).run();
}

} // namespace cdefer
