//===- Lints.cpp - warnings about traps that only defer in C has ----------===//
//
// Go's garbage collector and its explicit error values hide these; in C
// they are double frees, null dereferences at exit and unbounded memory:
//
//   reassigned-argument  defer free(p); ... p = realloc(p, n);
//                        the call keeps the old pointer: use a block, which
//                        reads p at exit.
//   unchecked-resource   f = fopen(...); defer fclose(f); if (!f) ...
//                        fclose(NULL) at exit: defer after the check.
//   deferred-recover     defer recover();  stops no panic raised in the function
//                        itself, not called by deferred code: it does
//                        nothing (as in Go).
//   endless-loop         a defer in a loop that never ends: its records
//                        pile up forever.
//
// Each is on by default, with its own -Wcdefer-<name> (cdefer-cc passes
// those to the plugin; with clang itself, -fplugin-arg-cdefer-W...).
//
//===----------------------------------------------------------------------===//
#include "Lints.h"
#include "Abi.h"
#include "Diagnostics.h"
#include "LibraryFunctions.h"
#include "LintPragmas.h"
#include "Reachability.h"
#include "VariablyModified.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cdefer {

static constexpr const char *LintNames[] = {
    "reassigned-argument", "unchecked-resource", "deferred-recover",
    "endless-loop"};

StringRef LintSettings::name(Lint L) { return LintNames[size_t(L)]; }

std::string LintSettings::known() {
  std::string All;
  for (const char *N : LintNames)
    All += (All.empty() ? "" : ", ") + std::string(N);
  return All;
}

bool LintSettings::apply(StringRef Option) {
  bool Error = Option.consume_front("Werror=");
  bool NotError = !Error && Option.consume_front("Wno-error=");
  bool Off = !Error && !NotError && Option.consume_front("Wno-");
  if (!Error && !NotError && !Off && !Option.consume_front("W"))
    return false;
  if (!Option.consume_front("cdefer"))
    return false;
  for (size_t I = 0; I < size_t(Lint::Count); ++I) {
    if (!Option.empty() && Option != ("-" + std::string(LintNames[I])))
      continue;
    if (NotError) {
      this->NotError[I] = true;
      this->Error[I] = false;
    } else {
      this->On[I] = !Off;
    }
    if (Error)
      this->Error[I] = true;
    if (!Option.empty())
      return true;
  }
  return Option.empty();
}

namespace {

/// The local variable an argument is, through parentheses and casts.
const VarDecl *argumentVariable(const Expr *Arg) {
  const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenCasts());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

const VarDecl *refersTo(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts()
                                                    : nullptr);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

bool isNull(ASTContext &Ctx, const Expr *E) {
  return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

class Linter {
public:
  Linter(Sema &S, const FunctionDefers &F, const LintSettings &Settings,
         bool Remarks)
      : S(S), Ctx(S.Context), SM(S.getSourceManager()), F(F),
        Settings(Settings), Remarks(Remarks), Reach(Ctx, *F.Function) {
    for (const DeferSite &Site : F.Sites) {
      DeferredCode.insert(Site.Deferred);
      SiteStatements.insert(Site.Statement);
    }
  }

  void run() {
    bool Loops = wanted(Lint::EndlessLoop);
    if (Loops)
      findLoopsAroundSites(F.Function->getBody());
    for (const DeferSite &Site : F.Sites) {
      if (CallExpr *Call = deferredCall(Ctx, Site.Deferred))
        lintCall(Site, Call);
      if (Loops)
        lintLoops(Site);
    }
  }

private:
  Sema &S;
  ASTContext &Ctx;
  const SourceManager &SM;
  const FunctionDefers &F;
  const LintSettings &Settings;
  const bool Remarks;
  Reachability Reach;
  llvm::DenseSet<const Stmt *> DeferredCode;
  llvm::DenseSet<const Stmt *> SiteStatements;
  /// For each defer statement in a loop, the loops around it, outermost
  /// first. (One walk: building a ParentMap of every body was 2.5M of the
  /// lints' 3.9M instructions on bench's 200-function file.)
  llvm::DenseMap<const Stmt *, llvm::SmallVector<const Stmt *, 2>> LoopsAround;
  llvm::SmallVector<const Stmt *, 4> LoopStack;

  bool after(SourceLocation A, SourceLocation B) const {
    return SM.isBeforeInTranslationUnit(userLoc(SM, B), userLoc(SM, A));
  }

  /// Every statement of the function outside deferred code, in order.
  template <typename Fn> void forEachInBody(Stmt *S, Fn Visit) {
    if (!S || isa<BlockExpr>(S) || DeferredCode.count(S))
      return;
    Visit(S);
    for (Stmt *Child : evaluatedChildren(S))
      forEachInBody(Child, Visit);
  }

  /// Whether to look for \p L: the command line or a pragma turns it on.
  bool wanted(Lint L) const {
    return Settings.enabled(L) ||
           (Settings.Pragmas && Settings.Pragmas->mayTurnOn(size_t(L)));
  }

  /// As clang's own warnings (customWarningLevel), with the flag that
  /// controls it named as clang names its own; a `#pragma clang
  /// diagnostic` in effect at \p Loc overrides the command line.
  DiagnosticBuilder report(Lint L, SourceLocation Loc, StringRef Text) {
    DiagnosticsEngine &D = S.getDiagnostics();
    WarningLevel W = levelAt(D, L, userLoc(SM, Loc));
    std::string Full = (Text + " [" + W.FlagPrefix + "cdefer-" +
                        LintSettings::name(L) + "]")
                           .str();
    return D.Report(userLoc(SM, Loc), D.getCustomDiagID(W.Level, "%0"))
           << Full;
  }

  WarningLevel levelAt(const DiagnosticsEngine &D, Lint L,
                       SourceLocation Loc) const {
    using State = LintPragmas::State;
    State Pragma = Settings.Pragmas
                       ? Settings.Pragmas->at(SM, size_t(L), Loc)
                       : State::CommandLine;
    if (Pragma == State::Ignored ||
        (Pragma == State::CommandLine && !Settings.enabled(L)))
      return {DiagnosticsEngine::Ignored, "-W"};
    if (Pragma == State::Error)
      return customWarningLevel(D, /*AskedError=*/true, false);
    if (Pragma == State::Warning)
      return customWarningLevel(D, false, Settings.isNeverError(L));
    return customWarningLevel(D, Settings.isError(L),
                              Settings.isNeverError(L));
  }

  DiagnosticBuilder note(SourceLocation Loc, StringRef Text) {
    DiagnosticsEngine &D = S.getDiagnostics();
    return D.Report(userLoc(SM, Loc),
                    D.getCustomDiagID(DiagnosticsEngine::Note, "%0"))
           << Text;
  }

  /// `defer f(x);` ==> `defer { f(x); }`, a fix-it when it is the fix:
  /// where the `defer` is written in the file, not by a macro (braces
  /// around `FREE_LATER(p);` would change nothing).
  void suggestBlock(DiagnosticBuilder &&Diag, const DeferSite &Site,
                    const CallExpr *Call) {
    if (!deferWrittenInFile(Site))
      return;
    // Around the macro, if the call is spelled by one (`recover()`).
    SourceLocation Begin = SM.getExpansionLoc(Call->getBeginLoc());
    SourceLocation End = SM.getExpansionRange(Call->getEndLoc()).getEnd();
    SourceLocation AfterSemi = Lexer::findLocationAfterToken(
        End, tok::semi, SM, Ctx.getLangOpts(), false);
    if (AfterSemi.isInvalid())
      return;
    Diag << FixItHint::CreateInsertion(Begin, "{ ")
         << FixItHint::CreateInsertion(AfterSemi, " }");
  }

  /// Whether \p Site's `defer` (itself cdefer.h's macro) is expanded from
  /// the file's text rather than from another macro's.
  bool deferWrittenInFile(const DeferSite &Site) const {
    SourceLocation At;
    if (const auto *Attributed = dyn_cast<AttributedStmt>(Site.Statement))
      At = Attributed->getAttrLoc();
    else if (Site.Label)
      At = Site.Label->getDecl()->getAttrs().front()->getLocation();
    return At.isValid() && SM.getImmediateMacroCallerLoc(At).isFileID();
  }

  // --- Call-form defers. ---

  void lintCall(const DeferSite &Site, CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->getIdentifier() &&
        Callee->getName() == recovery::Public) {
      if (wanted(Lint::DeferredRecover))
        suggestBlock(report(Lint::DeferredRecover, Site.Loc,
                            "'defer recover();' stops only a panic that runs "
                            "this function as deferred code, not one raised "
                            "in it; to stop that, write 'defer { recover(); "
                            "}'"),
                     Site, Call);
      return;
    }
    for (const Expr *Arg : Call->arguments())
      if (const VarDecl *V = argumentVariable(Arg)) {
        // Pointers: what is freed or closed. An int that changes after
        // `defer print(n);` is usually meant to be printed as it was.
        if (wanted(Lint::ReassignedArgument) &&
            V->getType()->isPointerType())
          lintReassigned(Site, Call, V);
        if (wanted(Lint::UncheckedResource) &&
            V->getType()->isPointerType() && !(Callee && isFree(*Callee)))
          lintUnchecked(Site, Call, V);
      }
  }

  /// The variable \p St assigns, increments or decrements, or null.
  static const VarDecl *writtenAt(const Stmt *St) {
    if (auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp())
      return refersTo(BO->getLHS());
    if (auto *UO = dyn_cast<UnaryOperator>(St);
        UO && UO->isIncrementDecrementOp())
      return refersTo(UO->getSubExpr());
    return nullptr;
  }

  /// Where \p V is passed by address to a call at \p St (the call).
  static bool addressPassed(const Stmt *St, const VarDecl *V) {
    const auto *Call = dyn_cast<CallExpr>(St);
    if (!Call)
      return false;
    for (const Expr *Arg : Call->arguments())
      if (const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
          UO && UO->getOpcode() == UO_AddrOf && refersTo(UO->getSubExpr()) == V)
        return true;
    return false;
  }

  struct Write {
    const Stmt *At = nullptr;
    bool ThroughAddress = false; // V's address passed: it may change there
  };

  /// The first write to \p V after the deferred call \p Call of \p Site
  /// that can run after it, and whether a later call-form defer of the same
  /// function passes \p V again (Go's idiom of reusing the variable for the
  /// next resource: the value is then meant to be captured).
  Write firstWriteAfter(const DeferSite &Site, const CallExpr *Call,
                        const VarDecl *V, bool &DeferredAgain) {
    Write First;
    forEachInBody(F.Function->getBody(), [&](Stmt *St) {
      bool Address = false;
      const VarDecl *Written = writtenAt(St);
      if (Written != V && addressPassed(St, V)) {
        Written = V;
        Address = true;
      }
      if (Written == V && after(St->getBeginLoc(), Site.Loc) &&
          (!First.At || after(First.At->getBeginLoc(), St->getBeginLoc())) &&
          Reach.mayRunAfter(Call, St))
        First = {St, Address};
    });
    DeferredAgain = First.At && reassignedEachTime(Site, Call, V);
    if (First.At)
      for (const DeferSite &Other : F.Sites)
        if (after(Other.Loc, First.At->getBeginLoc()))
          if (CallExpr *Again = deferredCall(Ctx, Other.Deferred);
              Again && Again->getDirectCallee() == Call->getDirectCallee())
            for (const Expr *Arg : Again->arguments())
              DeferredAgain |= argumentVariable(Arg) == V;
    return First;
  }

  /// Whether \p V is written before \p Site each time the defer runs
  /// again (in a loop: `f = fopen(...); defer fclose(f);`): the reuse
  /// idiom once per pass, where a block would close only the last one.
  bool reassignedEachTime(const DeferSite &Site, const CallExpr *Call,
                          const VarDecl *V) {
    bool Each = false;
    forEachInBody(F.Function->getBody(), [&](Stmt *St) {
      Each = Each || ((writtenAt(St) == V || addressPassed(St, V)) &&
                      after(Site.Loc, St->getBeginLoc()) &&
                      Reach.mayRunAfter(Call, St) &&
                      Reach.mayRunAfter(St, Call));
    });
    return Each;
  }

  void lintReassigned(const DeferSite &Site, CallExpr *Call, const VarDecl *V) {
    bool DeferredAgain;
    Write W = firstWriteAfter(Site, Call, V, DeferredAgain);
    if (!W.At || DeferredAgain)
      return;
    suggestBlock(report(Lint::ReassignedArgument, Site.Loc,
                        ("the deferred call gets '" + V->getName() +
                         "' as it is now, not as it is at exit: '" +
                         V->getName() +
                         "' changes later; to pass its final value, defer a "
                         "block: 'defer { ... }'")
                            .str()),
                 Site, Call);
    note(W.At->getBeginLoc(),
         W.ThroughAddress
             ? ("'" + V->getName() + "' may change here: its address is passed")
                   .str()
             : ("'" + V->getName() + "' changes here").str());
  }

  /// `!V`, `V == NULL`, `NULL != V`, or `V` itself as a condition.
  /// The same through an assignment: `(f = fopen(...)) == NULL`.
  bool testsForNull(const Stmt *St, const VarDecl *V) {
    if (auto *UO = dyn_cast<UnaryOperator>(St))
      return UO->getOpcode() == UO_LNot && tested(UO->getSubExpr()) == V;
    if (auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isEqualityOp())
      return (tested(BO->getLHS()) == V && isNull(Ctx, BO->getRHS())) ||
             (tested(BO->getRHS()) == V && isNull(Ctx, BO->getLHS()));
    if (auto *If = dyn_cast<IfStmt>(St))
      return tested(If->getCond()) == V;
    return false;
  }

  /// The variable whose value \p E is: itself, or one it assigns.
  static const VarDecl *tested(const Expr *E) {
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(
            E ? E->IgnoreParenImpCasts() : nullptr);
        BO && BO->getOpcode() == BO_Assign)
      return refersTo(BO->getLHS());
    return refersTo(E);
  }

  /// Whether \p V is tested for null before \p Site, since the last
  /// write (or the declaration) before it: the defer is after the check,
  /// and a later test only repeats it (an assert).
  bool checkedBefore(const DeferSite &Site, const VarDecl *V) {
    SourceLocation Since = V->getLocation();
    forEachInBody(F.Function->getBody(), [&](Stmt *St) {
      if ((writtenAt(St) == V || addressPassed(St, V)) &&
          after(Site.Loc, St->getBeginLoc()) &&
          after(St->getBeginLoc(), Since))
        Since = St->getBeginLoc();
    });
    bool Checked = false;
    forEachInBody(F.Function->getBody(), [&](Stmt *St) {
      // Its end: `(f = fopen(...)) == NULL` tests the write it holds.
      Checked |= testsForNull(St, V) && after(Site.Loc, St->getBeginLoc()) &&
                 after(St->getEndLoc(), Since);
    });
    return Checked;
  }

  void lintUnchecked(const DeferSite &Site, CallExpr *Call, const VarDecl *V) {
    bool DeferredAgain;
    const Stmt *Write = firstWriteAfter(Site, Call, V, DeferredAgain).At;
    const Stmt *Check = nullptr;
    forEachInBody(F.Function->getBody(), [&](Stmt *St) {
      if (!Check && testsForNull(St, V) && after(St->getBeginLoc(), Site.Loc) &&
          (!Write || after(Write->getBeginLoc(), St->getBeginLoc())))
        Check = St;
    });
    if (!Check || checkedBefore(Site, V))
      return;
    std::string Callee = "the deferred call";
    if (const FunctionDecl *Fn = Call->getDirectCallee())
      Callee = "'" + Fn->getNameAsString() + "'";
    report(Lint::UncheckedResource, Site.Loc,
           (Callee + " will run with '" + V->getName() +
            "' even when it is null: '" + V->getName() +
            "' is checked only after this defer; defer after the check")
               .str());
    note(Check->getBeginLoc(), "checked here");
  }

  // --- Defers in loops. ---

  void findLoopsAroundSites(const Stmt *S) {
    if (!S)
      return;
    bool Loop = isa<ForStmt, WhileStmt, DoStmt>(S);
    if (!LoopStack.empty() && SiteStatements.count(S))
      LoopsAround[S].assign(LoopStack.begin(), LoopStack.end());
    if (Loop)
      LoopStack.push_back(S);
    for (const Stmt *Child : evaluatedChildren(S))
      findLoopsAroundSites(Child);
    if (Loop)
      LoopStack.pop_back();
  }

  void lintLoops(const DeferSite &Site) {
    auto Found = LoopsAround.find(Site.Statement);
    if (Found == LoopsAround.end())
      return;
    for (const Stmt *P : llvm::reverse(Found->second)) {
      if (!neverEndsByItself(P)) {
        if (Remarks)
          remarkLoop(Site, P);
        continue;
      }
      if (!hasExit(P, P)) {
        report(Lint::EndlessLoop, Site.Loc,
               "this defer is in a loop that never ends: each iteration adds "
               "deferred code that runs only when the function returns, so "
               "it piles up without end; move the loop's body into a function "
               "of its own, or use a block-scoped '_Defer'");
        note(P->getBeginLoc(), "the loop");
      } else if (Remarks) {
        remarkLoop(Site, P);
      }
      return;
    }
  }

  void remarkLoop(const DeferSite &Site, const Stmt *Loop) {
    DiagnosticsEngine &D = S.getDiagnostics();
    D.Report(userLoc(SM, Site.Loc),
             D.getCustomDiagID(DiagnosticsEngine::Remark,
                               "defer in a loop: the deferred code of every "
                               "iteration waits for the function to return "
                               "[-Rcdefer-loop]"));
    note(Loop->getBeginLoc(), "the loop");
  }

  /// A loop whose condition is absent or always true.
  bool neverEndsByItself(const Stmt *Loop) const {
    const Expr *Cond = nullptr;
    if (auto *For = dyn_cast<ForStmt>(Loop))
      Cond = For->getCond();
    else if (auto *While = dyn_cast<WhileStmt>(Loop))
      Cond = While->getCond();
    else
      Cond = cast<DoStmt>(Loop)->getCond();
    if (!Cond)
      return true;
    bool Value = false;
    return Cond->EvaluateAsBooleanCondition(Value, Ctx) && Value;
  }

  /// A way out of \p Loop from \p S: a break of it, a return, a goto to a
  /// label outside it, a computed goto, or a call that does not return.
  bool hasExit(const Stmt *S, const Stmt *Loop, bool InnerBreakable = false) {
    if (!S || isa<BlockExpr>(S) || DeferredCode.count(S))
      return false;
    if (isa<ReturnStmt, IndirectGotoStmt>(S))
      return true;
    if (isa<BreakStmt>(S) && !InnerBreakable)
      return true;
    if (auto *G = dyn_cast<GotoStmt>(S))
      return !contains(Loop, G->getLabel()->getStmt());
    if (auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Fn = Call->getDirectCallee(); Fn && Fn->isNoReturn())
        return true;
    bool Breakable = InnerBreakable ||
                     (S != Loop && isa<ForStmt, WhileStmt, DoStmt, SwitchStmt>(S));
    for (const Stmt *Child : evaluatedChildren(S))
      if (hasExit(Child, Loop, Breakable))
        return true;
    return false;
  }

  static bool contains(const Stmt *Outer, const Stmt *Inner) {
    if (Outer == Inner)
      return true;
    for (const Stmt *Child : evaluatedChildren(Outer))
      if (Child && contains(Child, Inner))
        return true;
    return false;
  }
};

} // namespace

void lintDefers(Sema &S, const FunctionDefers &F, const LintSettings &Settings,
                bool Remarks) {
  Linter(S, F, Settings, Remarks).run();
}

} // namespace cdefer
