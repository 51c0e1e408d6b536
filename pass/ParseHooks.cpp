//===- ParseHooks.cpp - what the plugin does while clang parses -----------===//
//
// Some of what the plugin must say or silence happens before any function
// reaches it: Sema reports undeclared names and runs its flow-sensitive
// warnings as it parses.
//
//===----------------------------------------------------------------------===//
#include "ParseHooks.h"
#include "Abi.h"
#include "Defers.h"
#include "Diagnostics.h"
#include "FileScope.h"
#include "LintPragmas.h"
#include "UnreachableCodeWarnings.h"

#include "clang/Basic/DiagnosticSema.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/AnalysisBasedWarnings.h"
#include "clang/Sema/ExternalSemaSource.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Path.h"

#include <memory>

using namespace clang;

namespace cdefer {
namespace {

/// Sema asks this when a name is not declared: `defer` (and the other
/// names of <cdefer.h>) undeclared while the plugin is loaded means the
/// header was forgotten, which the error should say.
class MissingHeaderHint : public ExternalSemaSource {
public:
  explicit MissingHeaderHint(Sema &S) : S(S) {}

  bool LookupUnqualified(LookupResult &R, Scope *) override {
    // Only a use of the name: declaring it (a field, a parameter, a
    // function of a program that has its own `panic`) looks it up too, to
    // find what it would redeclare, and is no sign of a missing header.
    if (R.isForRedeclaration() ||
        R.getLookupKind() != Sema::LookupOrdinaryName)
      return false;
    const IdentifierInfo *Name = R.getLookupName().getAsIdentifierInfo();
    if (!Name || !llvm::is_contained(HeaderNames, Name->getName()) ||
        !Reported.insert(Name).second)
      return false;
    SourceLocation Loc = userLoc(S.getSourceManager(), R.getNameLoc());
    if (headerIncluded())
      errHeaderNameRemoved(S.getDiagnostics(), Loc, Name->getName(),
                           spelledOtherwise(Name->getName()));
    else
      errMissingHeader(S.getDiagnostics(), Loc, Name->getName());
    return false;
  }

private:
  static constexpr const char *HeaderNames[] = {
      "defer", "defer_result", "panic", "panicf", "panic_value", "recover"};

  /// Whether <cdefer.h> was included (then the name was #undef'd, or left
  /// out with CDEFER_NO_SHORT_NAMES): it declares cdefer_recover.
  bool headerIncluded() const {
    return findFileScopeFunction(S, "cdefer_recover") != nullptr;
  }

  /// What the header's \p Name stands for, which is still there.
  static std::string spelledOtherwise(llvm::StringRef Name) {
    if (Name == "defer" || Name == "defer_result")
      return ("__attribute__((c" + Name + "))").str();
    return ("cdefer_" + Name).str();
  }
  Sema &S;
  llvm::SmallPtrSet<const IdentifierInfo *, 4> Reported;
};

/// Sema's -Wuninitialized runs on the body as written, where a deferred
/// block's code stands at its `defer`, before the assignments that precede
/// it at exit: `int x; defer { use(x); } x = 5;` would warn. The analysis
/// runs when the function is finished, before the plugin can lower it, so
/// instead the warnings are turned off inside deferred blocks, the way
/// `#pragma clang diagnostic` does, from their `{` to their `}`. Seen in
/// the token stream: `__attribute__((cdefer))` then `{`. A call-form
/// defer's arguments, which really are evaluated at the defer, still warn.
class DeferredBlockWarnings {
public:
  explicit DeferredBlockWarnings(Preprocessor &PP) : PP(PP) {}

  void see(const Token &T) {
    switch (State) {
    case Idle:
      if (T.is(tok::identifier) && T.getIdentifierInfo()->isStr(DeferAnnotation))
        State = AfterName;
      return;
    case AfterName:
    case AfterParen:
      State = T.is(tok::r_paren) ? Next(State) : Idle;
      return;
    case AfterAttribute:
      State = Idle;
      if (T.is(tok::l_brace))
        enter(T);
      return;
    case InBlock:
      if (T.is(tok::l_brace))
        ++Depth;
      else if (T.is(tok::r_brace) && --Depth == 0)
        leave(T);
      return;
    }
  }

private:
  enum Stage { Idle, AfterName, AfterParen, AfterAttribute, InBlock };
  static Stage Next(Stage S) {
    return S == AfterName ? AfterParen : AfterAttribute;
  }

  Preprocessor &PP;
  Stage State = Idle;
  unsigned Depth = 0;

  SourceLocation at(const Token &T) const {
    return PP.getSourceManager().getExpansionLoc(T.getLocation());
  }

  void enter(const Token &T) {
    DiagnosticsEngine &D = PP.getDiagnostics();
    D.pushMappings(at(T));
    for (StringRef Group : {"uninitialized", "conditional-uninitialized"})
      D.setSeverityForGroup(diag::Flavor::WarningOrError, Group,
                            diag::Severity::Ignored, at(T));
    State = InBlock;
    Depth = 1;
  }

  void leave(const Token &T) {
    PP.getDiagnostics().popMappings(at(T));
    State = Idle;
  }
};

/// Sema runs the thread-safety and unreachable-code analyses when a function
/// is finished, on the body as written, where `defer unlock(&mu);` reads as
/// an unlock at the defer and `defer abort();` as a call that ends the
/// function there. The plugin runs them itself (ThreadSafetyWarnings.cpp,
/// UnreachableCodeWarnings.cpp); Sema's runs are switched off for the
/// functions that have a defer, by turning their triggers off at their
/// closing `}`: Sema decides whether to run each analysis from the warnings
/// in effect there.
/// Top-level braces are counted in the token stream: the `}` that brings the
/// count back to 0 after a `cdefer` attribute ends a function with defers.
class FunctionEnds {
public:
  explicit FunctionEnds(Preprocessor &PP) : PP(PP) {}

  void see(const Token &T) {
    if (T.is(tok::l_brace)) {
      ++Depth;
    } else if (T.is(tok::r_brace) && Depth > 0 && --Depth == 0) {
      if (HasDefer)
        quietSemaAnalysesAt(T);
      HasDefer = false;
    } else if (Depth > 0 && T.is(tok::identifier) &&
               T.getIdentifierInfo()->isStr(DeferAnnotation)) {
      HasDefer = true;
    }
  }

private:
  Preprocessor &PP;
  unsigned Depth = 0;
  bool HasDefer = false;

  /// Only the closing brace itself: every warning inside the function, and
  /// all that follows it, keeps the mapping the user chose.
  void quietSemaAnalysesAt(const Token &T) {
    DiagnosticsEngine &D = PP.getDiagnostics();
    SourceLocation Brace =
        PP.getSourceManager().getExpansionLoc(T.getLocation());
    D.pushMappings(Brace);
    D.setSeverity(diag::warn_double_lock, diag::Severity::Ignored, Brace);
    for (unsigned Trigger : unreachableCodeWarnings())
      D.setSeverity(Trigger, diag::Severity::Ignored, Brace);
    D.popMappings(Brace.getLocWithOffset(1));
    // A `#pragma clang diagnostic` that turns one of them on makes Sema run
    // its analysis whatever the mappings at the brace say (until that
    // function is finished), even one before the function: that override
    // goes too. Sema's defaults are no overrides.
    if (Sema *S = semaOfLastDefer())
      S->AnalysisWarnings.getPolicyOverrides() =
          sema::AnalysisBasedWarnings::Policy();
  }
};

} // namespace

static Sema *LastSema = nullptr;
static unsigned DeferMarks = 0;

Sema *semaOfLastDefer() { return LastSema; }
void rememberSemaOfDefer(Sema &S) {
  LastSema = &S;
  ++DeferMarks;
}
unsigned deferMarksSoFar() { return DeferMarks; }
void forgetSemaOfDefer() { LastSema = nullptr; }

void addMissingHeaderHint(Sema &S) {
  S.addExternalSource(llvm::makeIntrusiveRefCnt<MissingHeaderHint>(S));
}

/// The eof token at the end of the main file, not one of those that end
/// the token streams of macro arguments.
static bool endsMainFile(const SourceManager &SM, const Token &T) {
  SourceLocation Loc = T.getLocation();
  if (!Loc.isFileID())
    return false;
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  // On the last newline, if the file ends with one.
  return File == SM.getMainFileID() &&
         Offset + 1 >= SM.getBufferData(File).size();
}

namespace {

/// What `defer` is, where the plugin parses the code:
/// - <stddefer.h> (C2y, -fdefer-ts) defines it as `_Defer`: included after
///   <cdefer.h>, every later `defer` would be block-scoped, silently;
/// - <cdefer.h>'s form for tools (CDEFER_TOOLING) never runs its statement.
///   The header refuses it with the plugin loaded, but not from a
///   precompiled header made for tools, which it is not read again from.
class DeferRedefinitions : public PPCallbacks {
public:
  explicit DeferRedefinitions(Preprocessor &PP) : PP(PP) {}

  void MacroExpands(const Token &Name, const MacroDefinition &MD,
                    SourceRange Range, const MacroArgs *) override {
    const IdentifierInfo *Id = Name.getIdentifierInfo();
    if (ToolingReported || !Id || Id->getName() != "defer" ||
        !isToolingForm(MD.getMacroInfo()))
      return;
    ToolingReported = true;
    errToolingDefer(PP.getDiagnostics(), Range.getBegin());
  }

  /// Functions with defers in a precompiled header made for tools were
  /// parsed with that form: even with no `defer` here, theirs never run.
  void EndOfMainFile() override {
    if (ToolingReported)
      return;
    IdentifierInfo *Id = PP.getIdentifierInfo("defer");
    if (!isToolingForm(PP.getMacroInfo(Id)))
      return;
    SourceManager &SM = PP.getSourceManager();
    errToolingHeader(PP.getDiagnostics(),
                     SM.getLocForStartOfFile(SM.getMainFileID()));
  }

  void MacroDefined(const Token &Name, const MacroDirective *MD) override {
    const IdentifierInfo *Id = Name.getIdentifierInfo();
    const MacroDirective *Before = MD ? MD->getPrevious() : nullptr;
    if (!Id || Id->getName() != "defer" || !Before ||
        !isa<DefMacroDirective>(Before) || !fromCdeferHeader(*Before))
      return;
    // Where the user's file brought the new definition in.
    SourceManager &SM = PP.getSourceManager();
    SourceLocation At = MD->getLocation();
    while (At.isValid() && !SM.isInMainFile(At) &&
           SM.getIncludeLoc(SM.getFileID(At)).isValid())
      At = SM.getIncludeLoc(SM.getFileID(At));
    warnDeferRedefined(PP.getDiagnostics(), At);
  }

private:
  Preprocessor &PP;
  bool ToolingReported = false;

  /// <cdefer.h>'s `for (;0;) ...`, for tools.
  bool isToolingForm(const MacroInfo *MI) const {
    return MI && MI->getNumTokens() != 0 &&
           MI->getReplacementToken(0).is(tok::kw_for) &&
           inCdeferHeader(MI->getDefinitionLoc());
  }

  bool fromCdeferHeader(const MacroDirective &MD) const {
    return inCdeferHeader(MD.getLocation());
  }

  bool inCdeferHeader(SourceLocation Loc) const {
    SourceManager &SM = PP.getSourceManager();
    return llvm::sys::path::filename(SM.getFilename(SM.getSpellingLoc(Loc))) ==
           "cdefer.h";
  }
};

/// The Preprocessor keeps one token watcher and has no getter for it.
/// clang's coverage mapping (-fcoverage-mapping) sets one before the
/// plugin's consumer is made, to find comments and blank lines between
/// tokens; replacing it dropped their skipped regions from every file's
/// coverage map, defers or not. The plugin takes the watcher over and calls
/// it first. An explicit instantiation may name a private member
/// ([temp.explicit]): that is how the member is reached.
using TokenWatcher = llvm::unique_function<void(const Token &)>;
template <TokenWatcher Preprocessor::*Member> struct WatcherAccess {
  friend TokenWatcher &installedWatcher(Preprocessor &PP) {
    return PP.*Member;
  }
};
TokenWatcher &installedWatcher(Preprocessor &PP);
template struct WatcherAccess<&Preprocessor::OnToken>;

/// Hands each `#pragma` to LintPragmas before clang's handler reads it.
class LintPragmaReader : public PPCallbacks {
public:
  LintPragmaReader(Preprocessor &PP, std::shared_ptr<LintPragmas> Pragmas)
      : PP(PP), Pragmas(std::move(Pragmas)) {}

  void PragmaDirective(SourceLocation Loc,
                       PragmaIntroducerKind Introducer) override {
    if (Introducer == PIK_HashPragma || Introducer == PIK__Pragma)
      Pragmas->seePragma(PP, Loc, Introducer == PIK__Pragma);
  }

private:
  Preprocessor &PP;
  std::shared_ptr<LintPragmas> Pragmas;
};

} // namespace

void watchDeferredCode(Preprocessor &PP,
                       std::shared_ptr<LintPragmas> Pragmas) {
  PP.addPPCallbacks(std::make_unique<DeferRedefinitions>(PP));
  if (Pragmas)
    PP.addPPCallbacks(std::make_unique<LintPragmaReader>(PP, Pragmas));
  auto Blocks = std::make_shared<DeferredBlockWarnings>(PP);
  auto Ends = std::make_shared<FunctionEnds>(PP);
  // Diagnostic mappings can only be added in source order. After the end
  // of the file, tokens come from lexing it again (the analyzer's HTML
  // reports highlight macros that way): the watchers must not see them.
  auto Parsed = std::make_shared<bool>(false);
  auto Earlier = std::make_shared<TokenWatcher>(
      std::move(installedWatcher(PP)));
  PP.setTokenWatcher([&PP, Blocks, Ends, Parsed, Earlier,
                      Pragmas](const Token &T) {
    if (*Earlier)
      (*Earlier)(T);
    if (*Parsed)
      return;
    if (Pragmas)
      Pragmas->seeToken(PP, T.getLocation());
    if (T.is(tok::eof)) {
      *Parsed = endsMainFile(PP.getSourceManager(), T);
      return;
    }
    if (T.is(tok::identifier) &&
        T.getIdentifierInfo()->getName() == recovery::Public)
      ++DeferMarks;
    Blocks->see(T);
    Ends->see(T);
  });
}

} // namespace cdefer
