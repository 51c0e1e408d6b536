//===- ThreadSafetyWarnings.cpp - -Wthread-safety on what really runs -----===//
//
// Sema runs the thread-safety analysis when a function body is finished,
// before the plugin sees it: `lock(&mu); defer unlock(&mu); counter++;`
// then reads as an unlock before the access. ParseHooks.cpp switches the
// analysis off at the end of every function with a defer; this file runs it
// again on the ExitView of the function and reports through the same
// diagnostics as Sema, so the flags, -Werror and pragmas all work as usual.
//
//===----------------------------------------------------------------------===//
#include "ThreadSafetyWarnings.h"
#include "ExitView.h"
#include "SemaAnalyses.h"

#include "clang/AST/Decl.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/Analyses/ThreadSafety.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Sema.h"
#include <algorithm>

using namespace clang;
using namespace clang::threadSafety;

namespace cdefer {
namespace {

/// A warning and its notes, kept until the analysis is done, then reported
/// in source order as Sema does.
struct Finding {
  SourceLocation Loc;
  PartialDiagnostic Warning;
  std::vector<std::pair<SourceLocation, PartialDiagnostic>> Notes;
};

class Reporter : public ThreadSafetyHandler {
public:
  /// \p Verbose: -Wthread-safety-verbose, which adds the notes Sema's
  /// reporter adds: where a variable's guard is declared, and the function,
  /// at the `{` of its body as written (made before the exit view).
  Reporter(Sema &S, const FunctionDecl &FD, bool Verbose)
      : S(S), FD(FD), BodyStart(FD.getBody()->getBeginLoc()),
        Verbose(Verbose) {}

  void report() {
    const SourceManager &SM = S.getSourceManager();
    std::vector<size_t> Order(Findings.size());
    for (size_t I = 0; I < Order.size(); ++I)
      Order[I] = I;
    std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
      SourceLocation LA = Findings[A].Loc, LB = Findings[B].Loc;
      if (LA != LB)
        return SM.isBeforeInTranslationUnit(LA, LB);
      return A < B; // as found
    });
    for (size_t I : Order) {
      const Finding &F = Findings[I];
      S.Diag(F.Loc, F.Warning);
      for (const auto &[Loc, Note] : F.Notes)
        S.Diag(Loc, Note);
      if (Verbose)
        S.Diag(BodyStart, diag::note_thread_warning_in_fun) << &FD;
    }
  }

  void handleInvalidLockExp(SourceLocation Loc) override {
    add(Loc, diag::warn_cannot_resolve_lock);
  }

  void handleUnmatchedUnlock(StringRef Kind, Name Lock, SourceLocation Loc,
                             SourceLocation Previous) override {
    Finding &F = add(Loc, diag::warn_unlock_but_no_lock);
    F.Warning << Kind << Lock;
    if (Previous.isValid())
      note(F, Previous, diag::note_unlocked_here) << Kind;
  }

  void handleIncorrectUnlockKind(StringRef Kind, Name Lock, LockKind Expected,
                                 LockKind Received, SourceLocation Locked,
                                 SourceLocation Unlock) override {
    Finding &F = add(Unlock, diag::warn_unlock_kind_mismatch);
    F.Warning << Kind << Lock << Received << Expected;
    lockedHere(F, Locked, Kind);
  }

  void handleDoubleLock(StringRef Kind, Name Lock, SourceLocation Locked,
                        SourceLocation Again) override {
    Finding &F = add(Again, diag::warn_double_lock);
    F.Warning << Kind << Lock;
    lockedHere(F, Locked, Kind);
  }

  void handleMutexHeldEndOfScope(StringRef Kind, Name Lock,
                                 SourceLocation Locked, SourceLocation End,
                                 LockErrorKind LEK,
                                 bool ReentrancyMismatch) override {
    unsigned ID = diag::warn_no_unlock;
    bool TakesReentrancy = false;
    switch (LEK) {
    case LEK_LockedSomeLoopIterations:
      ID = diag::warn_expecting_lock_held_on_loop;
      TakesReentrancy = true;
      break;
    case LEK_LockedSomePredecessors:
      ID = diag::warn_lock_some_predecessors;
      TakesReentrancy = true;
      break;
    case LEK_LockedAtEndOfFunction:
      ID = diag::warn_no_unlock;
      break;
    case LEK_NotLockedAtEndOfFunction:
      ID = diag::warn_expecting_locked;
      break;
    }
    if (End.isInvalid())
      End = FD.getEndLoc();
    Finding &F = add(End, ID);
    F.Warning << Kind << Lock;
    if (TakesReentrancy)
      F.Warning << ReentrancyMismatch;
    lockedHere(F, Locked, Kind);
  }

  void handleExclusiveAndShared(StringRef Kind, Name Lock, SourceLocation One,
                                SourceLocation Other) override {
    Finding &F = add(One, diag::warn_lock_exclusive_and_shared);
    F.Warning << Kind << Lock;
    note(F, Other, diag::note_lock_exclusive_and_shared) << Kind << Lock;
  }

  void handleNoMutexHeld(const NamedDecl *D, ProtectedOperationKind POK,
                         AccessKind AK, SourceLocation Loc) override {
    unsigned ID = POK == POK_VarDereference
                      ? diag::warn_var_deref_requires_any_lock
                      : diag::warn_variable_requires_any_lock;
    add(Loc, ID).Warning << D << AK;
  }

  void handleMutexNotHeld(StringRef Kind, const NamedDecl *D,
                          ProtectedOperationKind POK, Name Lock, LockKind LK,
                          SourceLocation Loc, Name *NearMatch) override {
    Finding &F = add(Loc, notHeldWarning(POK, NearMatch != nullptr));
    F.Warning << Kind << D << Lock << LK;
    if (NearMatch)
      note(F, Loc, diag::note_found_mutex_near_match) << *NearMatch;
    if (Verbose && POK == POK_VarAccess)
      note(F, D->getLocation(), diag::note_guarded_by_declared_here);
  }

  void handleNegativeNotHeld(StringRef Kind, Name Lock, Name Neg,
                             SourceLocation Loc) override {
    add(Loc, diag::warn_acquire_requires_negative_cap).Warning
        << Kind << Lock << Neg;
  }

  void handleNegativeNotHeld(const NamedDecl *D, Name Lock,
                             SourceLocation Loc) override {
    add(Loc, diag::warn_fun_requires_negative_cap).Warning << D << Lock;
  }

  void handleFunExcludesLock(StringRef Kind, Name Function, Name Lock,
                             SourceLocation Loc) override {
    add(Loc, diag::warn_fun_excludes_mutex).Warning << Kind << Function << Lock;
  }

  void handleLockAcquiredBefore(StringRef Kind, Name First, Name Second,
                                SourceLocation Loc) override {
    add(Loc, diag::warn_acquired_before).Warning << Kind << First << Second;
  }

  void handleBeforeAfterCycle(Name First, SourceLocation Loc) override {
    add(Loc, diag::warn_acquired_before_after_cycle).Warning << First;
  }

private:
  Sema &S;
  const FunctionDecl &FD;
  const SourceLocation BodyStart;
  const bool Verbose;
  std::vector<Finding> Findings;

  Finding &add(SourceLocation Loc, unsigned ID) {
    Findings.push_back({Loc, S.PDiag(ID), {}});
    return Findings.back();
  }

  PartialDiagnostic &note(Finding &F, SourceLocation Loc, unsigned ID) {
    F.Notes.push_back({Loc, S.PDiag(ID)});
    return F.Notes.back().second;
  }

  void lockedHere(Finding &F, SourceLocation Locked, StringRef Kind) {
    if (Locked.isValid())
      note(F, Locked, diag::note_locked_here) << Kind;
  }

  static unsigned notHeldWarning(ProtectedOperationKind POK, bool Precise) {
    switch (POK) {
    case POK_VarDereference:
      return Precise ? diag::warn_var_deref_requires_lock_precise
                     : diag::warn_var_deref_requires_lock;
    case POK_VarAccess:
      return Precise ? diag::warn_variable_requires_lock_precise
                     : diag::warn_variable_requires_lock;
    case POK_FunctionCall:
      return Precise ? diag::warn_fun_requires_lock_precise
                     : diag::warn_fun_requires_lock;
    case POK_PassByRef:
      return diag::warn_guarded_pass_by_reference;
    case POK_PtPassByRef:
      return diag::warn_pt_guarded_pass_by_reference;
    case POK_ReturnByRef:
      return diag::warn_guarded_return_by_reference;
    case POK_PtReturnByRef:
      return diag::warn_pt_guarded_return_by_reference;
    case POK_PassPointer:
      return diag::warn_guarded_pass_pointer;
    case POK_PtPassPointer:
      return diag::warn_pt_guarded_pass_pointer;
    case POK_ReturnPointer:
      return diag::warn_guarded_return_pointer;
    case POK_PtReturnPointer:
      return diag::warn_pt_guarded_return_pointer;
    }
    return diag::warn_variable_requires_lock;
  }
};

/// The order in which the function's deferred code runs at exit: the
/// open-coded bits from the highest down, or the sites last to first.
std::vector<unsigned> exitOrder(const FunctionDefers &F, const Strategy &Plan) {
  std::vector<unsigned> Order(F.Sites.size());
  for (unsigned I = 0; I < Order.size(); ++I)
    Order[I] = I;
  auto RunsFirst = [&](unsigned A, unsigned B) {
    return Plan.OpenCoded ? Plan.Bit[A] > Plan.Bit[B] : A > B;
  };
  std::sort(Order.begin(), Order.end(), RunsFirst);
  return Order;
}

} // namespace

bool wantsThreadSafety(Sema &S, const FunctionDefers &F) {
  const auto *Body = cast<CompoundStmt>(F.Function->getBody());
  return !S.getDiagnostics().isIgnored(diag::warn_double_lock,
                                       Body->getLBracLoc());
}

void warnThreadSafety(Sema &S, FunctionDefers &F, const Strategy &Plan) {
  if (!mayWarnAbout(S, *F.Function))
    return;
  DiagnosticsEngine &D = S.getDiagnostics();
  SourceLocation Start = F.Function->getBeginLoc();
  Reporter R(S, *F.Function,
             !D.isIgnored(diag::warn_thread_safety_verbose, Start));
  R.setIssueBetaWarnings(!D.isIgnored(diag::warn_thread_safety_beta, Start));
  ExitView View(S.Context, F, exitOrder(F, Plan));
  AnalysisDeclContext AC(nullptr, F.Function);
  buildCfgAsSema(AC);
  runThreadSafetyAnalysis(AC, R, &S.ThreadSafetyDeclCache);
  R.report();
}

} // namespace cdefer
