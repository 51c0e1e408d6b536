//===- TidyModule.cpp - clang-tidy's checks on the lowered program ---------===//
//
// clang-tidy runs no frontend plugin, so its checks (and the static
// analyzer it embeds) would read `defer S;` as S in place. This library,
// loaded into clang-tidy-22 with --load (tools/cdefer-tidy.c does that),
// registers the cdefer attributes, so that <cdefer.h> sees the plugin, and
// a check, cdefer-lowering, that lowers every function of the file once
// the other checks' matchers are done with it, and before the
// clang-analyzer-* checks, which clang-tidy runs after all matchers. The
// matchers are syntactic: they see the code as written, with `defer S;`
// where it stands (seeing the lowered code, they missed the braces an
// early `return` lacked, took the lowering's constants for magic numbers,
// and offered fixes to its hidden variables that broke the file). The
// analyzer follows the paths the program takes: it sees each deferred
// statement where it runs. The lowered functions are those the plugin
// makes for --analyze: no markers for the IR pass.
//
//===----------------------------------------------------------------------===//
#include "FunctionLowering.h"
#include "LintPragmas.h"
#include "ParseHooks.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/Sema.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace cdefer {
namespace {

/// The plugin's own diagnostics (its errors, notes and -Wcdefer lints)
/// have custom IDs of the compiler's diagnostics engine, which clang-tidy's
/// engine does not know: looking for their check's name, clang-tidy read a
/// table it does not have (a lint crashed it, an error was named after
/// another check). This puts them through the cdefer-lowering check's own
/// diag(); clang's diagnostics go on to clang-tidy as before.
class ThroughCheck : public DiagnosticConsumer {
public:
  ThroughCheck(ClangTidyCheck &Check, DiagnosticConsumer &Next)
      : Check(Check), Next(Next) {}

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Info.getID() < diag::DIAG_UPPER_LIMIT || Level < DiagnosticsEngine::Note)
      return Next.HandleDiagnostic(Level, Info);
    SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    std::string Escaped; // diag() takes a format: its % must stay text
    for (char C : Text)
      Escaped += C == '%' ? "%%" : std::string(1, C);
    DiagnosticBuilder Report = Check.diag(Info.getLocation(), Escaped,
                                          idsLevel(Level));
    for (const FixItHint &Fix : Info.getFixItHints())
      Report << Fix;
  }
  void BeginSourceFile(const LangOptions &Opts, const Preprocessor *PP) override {
    Next.BeginSourceFile(Opts, PP);
  }
  void EndSourceFile() override { Next.EndSourceFile(); }
  void finish() override { Next.finish(); }

private:
  ClangTidyCheck &Check;
  DiagnosticConsumer &Next;

  static DiagnosticIDs::Level idsLevel(DiagnosticsEngine::Level Level) {
    switch (Level) {
    case DiagnosticsEngine::Note:
      return DiagnosticIDs::Note;
    case DiagnosticsEngine::Remark:
      return DiagnosticIDs::Remark;
    case DiagnosticsEngine::Warning:
      return DiagnosticIDs::Warning;
    default:
      return DiagnosticIDs::Error;
    }
  }
};

class LoweringCheck : public ClangTidyCheck {
public:
  LoweringCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  ~LoweringCheck() override { restoreDiagnostics(); }

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return !LangOpts.CPlusPlus; // defer is C only
  }

  /// Each file starts here: the warnings Sema would misread are handled as
  /// in the plugin, and a Sema of an earlier file is forgotten.
  void registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                           Preprocessor *) override {
    forgetSemaOfDefer();
    Pragmas = std::make_shared<LintPragmas>();
    watchDeferredCode(*PP, Pragmas);
    restoreDiagnostics();
    Engine = &PP->getDiagnostics();
    Previous = Engine->getClient();
    Owned = Engine->takeClient();
    Through = std::make_unique<ThroughCheck>(*this, *Previous);
    Engine->setClient(Through.get(), /*ShouldOwnClient=*/false);
  }

  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("file"), this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    File = Result.Nodes.getNodeAs<TranslationUnitDecl>("file");
    Context = Result.Context;
  }

  void onEndOfTranslationUnit() override {
    const TranslationUnitDecl *TU = File;
    File = nullptr;
    // Without a defer in the file there is no Sema to lower with, and
    // nothing to lower but recover() calls, which analyses take as calls.
    Sema *S = semaOfLastDefer();
    if (!TU || !S || &S->Context != Context)
      return;
    LoweringOptions Opts;
    Opts.Markers = false;
    // The lints' flags as the compile command gives them (cdefer-cc's
    // -Wno-cdefer-<name>, in a compile_commands.json) and pragmas, as the
    // plugin reads them.
    for (const std::string &Flag :
         S->getDiagnostics().getDiagnosticOptions().Warnings)
      if (llvm::StringRef(Flag).contains("cdefer"))
        Opts.Lints.apply("W" + Flag);
    Opts.Lints.Pragmas = Pragmas;
    // A function the lowering makes (a deferred block that has defers of
    // its own) goes to every consumer, as the plugin hands it on: the
    // analyzer's runs after this one and checks only the functions it was
    // given (its dead stores and insecure calls went unreported).
    FunctionLowering Lowering(*S, Opts, [S](FunctionDecl &Fn) {
      S->Consumer.HandleTopLevelDecl(DeclGroupRef(&Fn));
    });
    // Lowering adds functions to the file (OutlineDeferred.h): the list is
    // taken first, and those are lowered with the function they come from.
    std::vector<FunctionDecl *> Functions;
    for (Decl *D : TU->decls())
      if (auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->doesThisDeclarationHaveABody() && !FD->isInvalidDecl())
          Functions.push_back(FD);
    for (FunctionDecl *FD : Functions)
      Lowering.lower(*FD);
  }

private:
  const TranslationUnitDecl *File = nullptr; // the file being checked
  const ASTContext *Context = nullptr;
  std::shared_ptr<LintPragmas> Pragmas; // the file's, for the lints
  // The compiler's diagnostics engine, while ThroughCheck stands in for
  // its client (which it owned, or not).
  DiagnosticsEngine *Engine = nullptr;
  DiagnosticConsumer *Previous = nullptr;
  std::unique_ptr<DiagnosticConsumer> Owned;
  std::unique_ptr<ThroughCheck> Through;

  void restoreDiagnostics() {
    if (Engine && Engine->getClient() == Through.get())
      Engine->setClient(Previous, Owned.release() != nullptr);
    Engine = nullptr;
    Through.reset();
  }
};

class CdeferModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<LoweringCheck>("cdefer-lowering");
  }
};

} // namespace
} // namespace cdefer

static clang::tidy::ClangTidyModuleRegistry::Add<cdefer::CdeferModule>
    Module("cdefer-module", "lowers defer before the other checks run");
