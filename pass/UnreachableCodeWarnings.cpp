//===- UnreachableCodeWarnings.cpp - -Wunreachable-code with defers -------===//
//
// Sema looks for unreachable code when a function body is finished, before
// the plugin sees it, on the body as written: `defer abort(); work();` reads
// as a call to abort() before the work, which then "will never be executed",
// though abort() really runs at exit. ParseHooks.cpp switches Sema's run off
// at the end of every function with a defer; this file runs the same
// analysis again on a view of the body where each deferred statement may or
// may not run where it stands: `if (<opaque>) S`.
//
// That view is exact for the function's own code: deferred code runs after
// the `return` or the end of the body that leaves, so it can make nothing
// else in the function unreachable. Deferred code itself is reachable where
// its defer is, and code after a noreturn call inside it is still found;
// `return`s stay returns, so -Wunreachable-code-return classifies them as
// Sema does. (ExitView.h, which moves deferred code to the exits, turns
// returns into jumps.)
//
//===----------------------------------------------------------------------===//
#include "UnreachableCodeWarnings.h"
#include "AstBuilder.h"
#include "Defers.h"
#include "SemaAnalyses.h"
#include "VariablyModified.h"

#include "clang/AST/Decl.h"
#include "clang/Analysis/Analyses/ReachableCode.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Sema.h"
#include <utility>
#include <vector>

using namespace clang;

namespace cdefer {
namespace {

/// While it lives, every `defer S;` of the function (those in deferred
/// blocks too) reads as `if (__cdefer_maybe_here) S`, the condition a
/// variable nothing assigns. The destructor puts the body back.
class DeferredMayRunInPlace {
public:
  DeferredMayRunInPlace(ASTContext &Ctx, FunctionDecl &FD)
      : B(Ctx, FD, FD.getLocation()),
        Opaque(VarDecl::Create(Ctx, &FD, FD.getLocation(), FD.getLocation(),
                               &Ctx.Idents.get("__cdefer_maybe_here"),
                               Ctx.IntTy,
                               Ctx.getTrivialTypeSourceInfo(Ctx.IntTy),
                               SC_None)) {
    for (Stmt *&Child : evaluatedChildren(FD.getBody()))
      replaceIn(Child);
  }

  ~DeferredMayRunInPlace() {
    for (auto It = Undo.rbegin(); It != Undo.rend(); ++It)
      *It->first = It->second;
  }

  DeferredMayRunInPlace(const DeferredMayRunInPlace &) = delete;
  DeferredMayRunInPlace &operator=(const DeferredMayRunInPlace &) = delete;

private:
  AstBuilder B;
  VarDecl *Opaque;
  std::vector<std::pair<Stmt **, Stmt *>> Undo;

  void replaceIn(Stmt *&Slot) {
    Stmt *St = Slot;
    if (!St || isa<BlockExpr>(St))
      return;
    if (AttributedStmt *Defer = asDefer(St))
      return maybeHere(Slot, Defer->getSubStmt());
    // `L: defer S;`: the label stays, S is its statement.
    if (LabelStmt *Labeled = asLabeledDefer(St)) {
      for (Stmt *&Sub : evaluatedChildren(Labeled))
        maybeHere(Sub, Sub);
      return;
    }
    for (Stmt *&Child : evaluatedChildren(St))
      replaceIn(Child);
  }

  void maybeHere(Stmt *&Slot, Stmt *Deferred) {
    for (Stmt *&Child : evaluatedChildren(Deferred))
      replaceIn(Child);
    // The condition is where the deferred code begins: should the defer
    // itself be unreachable, that is where the warning points, as Sema's.
    B.Loc = Deferred->getBeginLoc();
    Undo.push_back({&Slot, Slot});
    Slot = B.ifThen(B.load(B.ref(Opaque)), Deferred);
  }
};

/// Reports as Sema's own handler does (AnalysisBasedWarnings.cpp), with the
/// same warnings, so the flags, -Werror and pragmas work as usual.
class Reporter : public reachable_code::Callback {
public:
  explicit Reporter(Sema &S) : S(S) {}

  void HandleUnreachable(reachable_code::UnreachableKind Kind,
                         SourceLocation Loc, SourceRange SilencingCondition,
                         SourceRange R1, SourceRange R2,
                         bool HasFallThroughAttr) override {
    // -Wunreachable-code-fallthrough says it of `[[fallthrough]];` already.
    if (HasFallThroughAttr &&
        !S.getDiagnostics().isIgnored(diag::warn_unreachable_fallthrough_attr,
                                      SourceLocation()))
      return;
    // One warning per condition that makes code dead.
    if (Previous.isValid() && SilencingCondition.isValid() &&
        Previous == SilencingCondition)
      return;
    Previous = SilencingCondition;
    S.Diag(Loc, warningFor(Kind)) << R1 << R2;
    noteHowToSilence(SilencingCondition);
  }

private:
  Sema &S;
  SourceRange Previous;

  static unsigned warningFor(reachable_code::UnreachableKind Kind) {
    switch (Kind) {
    case reachable_code::UK_Break:
      return diag::warn_unreachable_break;
    case reachable_code::UK_Return:
      return diag::warn_unreachable_return;
    case reachable_code::UK_Loop_Increment:
      return diag::warn_unreachable_loop_increment;
    case reachable_code::UK_Other:
      break;
    }
    return diag::warn_unreachable;
  }

  /// `if (DEBUG)`: parentheses mark the dead code as meant.
  void noteHowToSilence(SourceRange Condition) {
    SourceLocation Open = Condition.getBegin();
    if (Open.isInvalid())
      return;
    SourceLocation Close = S.getLocForEndOfToken(Condition.getEnd());
    if (Close.isInvalid())
      return;
    S.Diag(Open, diag::note_unreachable_silence)
        << FixItHint::CreateInsertion(Open, "/* DISABLES CODE */ (")
        << FixItHint::CreateInsertion(Close, ")");
  }
};

/// Whether any of the warnings is on at the function's `{`: Sema's own
/// test is made at its `}`, where ParseHooks.cpp turned them off.
bool wantsUnreachableCode(Sema &S, const FunctionDecl &FD) {
  SourceLocation Start = cast<CompoundStmt>(FD.getBody())->getLBracLoc();
  DiagnosticsEngine &D = S.getDiagnostics();
  return llvm::any_of(unreachableCodeWarnings(),
                      [&](unsigned ID) { return !D.isIgnored(ID, Start); });
}

} // namespace

llvm::ArrayRef<unsigned> unreachableCodeWarnings() {
  static const unsigned IDs[] = {
      diag::warn_unreachable, diag::warn_unreachable_break,
      diag::warn_unreachable_return, diag::warn_unreachable_loop_increment};
  return IDs;
}

void warnUnreachableCode(Sema &S, FunctionDecl &FD) {
  if (!mayWarnAbout(S, FD) || !wantsUnreachableCode(S, FD))
    return;
  DeferredMayRunInPlace View(S.Context, FD);
  AnalysisDeclContext AC(nullptr, &FD);
  buildCfgAsSema(AC);
  Reporter R(S);
  reachable_code::FindUnreachableCode(AC, S.getPreprocessor(), R);
}

} // namespace cdefer
