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
#include "ParseHooks.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Sema/Sema.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace cdefer {
namespace {

class LoweringCheck : public ClangTidyCheck {
public:
  LoweringCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return !LangOpts.CPlusPlus; // defer is C only
  }

  /// Each file starts here: the warnings Sema would misread are handled as
  /// in the plugin, and a Sema of an earlier file is forgotten.
  void registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                           Preprocessor *) override {
    forgetSemaOfDefer();
    watchDeferredCode(*PP);
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
    FunctionLowering Lowering(*S, Opts);
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
