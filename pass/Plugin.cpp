//===- Plugin.cpp - cdefer's entry point in clang-22 ----------------------===//
//
// `clang-22 -fplugin=cdefer.so` loads this file's action before the main one
// (usually CodeGen). Its consumer sees each function after Sema has finished
// it and before CodeGen emits it, and lowers the function's defers there.
//
//===----------------------------------------------------------------------===//
#include "Defers.h"
#include "Diagnostics.h"
#include "Lower.h"
#include "ParseHooks.h"
#include "Recover.h"
#include "Strategy.h"
#include "ThreadSafetyWarnings.h"
#include "UnwindPass.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendOptions.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Sema/Sema.h"
#include "clang/Sema/SemaConsumer.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Plugins/PassPlugin.h"

using namespace clang;

namespace cdefer {
namespace {

struct Options {
  bool Remarks = false;      // -fplugin-arg-cdefer-remarks
  bool ForceRuntime = false; // -fplugin-arg-cdefer-strategy=runtime
  bool Markers = true;       // false when no code is generated (--analyze)
};

class DeferConsumer : public SemaConsumer {
public:
  explicit DeferConsumer(Options Opts) : Opts(Opts) {}

  void InitializeSema(Sema &S) override {
    this->S = &S;
    addMissingHeaderHint(S);
  }
  void ForgetSema() override { S = nullptr; }

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    for (Decl *D : Group)
      if (auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->doesThisDeclarationHaveABody() && !FD->isInvalidDecl())
          handleFunction(*FD);
    return true;
  }

private:
  Options Opts;
  Sema *S = nullptr;
  bool AbiChecked = false, AbiOk = false;

  void handleFunction(FunctionDecl &FD) {
    FunctionDefers F;
    // C++ never gets here with a defer (Attributes.cpp rejects it), and
    // recover() there stays cdefer_recover().
    if (S->getLangOpts().CPlusPlus || !collectDefers(*S, FD, F))
      return;
    bool Recovers = callsRecover(FD.getBody());
    // With an error anywhere nothing is generated; lowering would only risk
    // walking an AST that Sema gave up on.
    if ((F.Sites.empty() && !Recovers) ||
        S->getDiagnostics().hasErrorOccurred())
      return;
    // Everything is checked before anything changes.
    if (!abiMatches(F))
      return;
    std::unique_ptr<RecoverPlan> Recover;
    if (Recovers && !(Recover = planRecovers(*S, F)))
      return;
    Strategy Plan; // outlives Lowering, which refers to it
    std::unique_ptr<LoweringPlan> Lowering;
    if (!F.Sites.empty()) {
      Plan = chooseStrategy(S->Context, F, Opts.ForceRuntime);
      if (Opts.Remarks)
        remark(F, Plan);
      if (!(Lowering = planLowering(*S, F, Plan, Opts.Markers)))
        return;
      if (wantsThreadSafety(*S, F))
        warnThreadSafety(*S, F, Plan);
    }
    if (Lowering)
      Lowering->apply(Recover ? Recover->tokens() : RecoverTokens());
    if (Recover)
      Recover->apply();
  }

  /// The <cdefer.h> this file includes must be for the ABI this plugin
  /// generates code for (cdefer_abi.h); checked once per file.
  bool abiMatches(const FunctionDefers &F) {
    if (AbiChecked)
      return AbiOk;
    AbiChecked = true;
    SourceLocation Loc = F.Sites.empty()
                             ? userLoc(S->getSourceManager(),
                                       F.Function->getLocation())
                             : F.Sites.front().Loc;
    const EnumConstantDecl *Version = nullptr;
    for (NamedDecl *ND : S->Context.getTranslationUnitDecl()->lookup(
             &S->Context.Idents.get(AbiVersionName)))
      Version = dyn_cast<EnumConstantDecl>(ND);
    if (!Version) {
      errMissingRuntime(S->getDiagnostics(), Loc, AbiVersionName);
      return AbiOk = false;
    }
    if (Version->getInitVal() != AbiVersion) {
      errAbiVersion(S->getDiagnostics(), Loc,
                    std::to_string(Version->getInitVal().getExtValue()),
                    AbiVersion);
      return AbiOk = false;
    }
    return AbiOk = true;
  }

  void remark(const FunctionDefers &F, const Strategy &Plan) {
    std::string Count = std::to_string(F.Sites.size()) +
                        (F.Sites.size() == 1 ? " defer" : " defers");
    std::string Text = Plan.OpenCoded
                           ? Count + " open-coded"
                           : Count + " use runtime records: " + Plan.Reason;
    remarkStrategy(S->getDiagnostics(),
                   userLoc(S->getSourceManager(), F.Function->getLocation()),
                   F.Function->getName(), Text);
  }
};

class DeferAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    // The static analyzer reads the lowered function; the IR pass's markers,
    // opaque calls that take the defers' state, would hide from it which
    // deferred code runs.
    Opts.Markers = CI.getFrontendOpts().ProgramAction != frontend::RunAnalysis;
    watchDeferredCode(CI.getPreprocessor());
    // The IR half: landing pads for panics, at every optimization level.
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back(
        [](llvm::PassBuilder &PB) {
          PB.registerPipelineStartEPCallback(
              [](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) {
                MPM.addPass(UnwindPass());
              });
        });
    return std::make_unique<DeferConsumer>(Opts);
  }

  // An unknown argument is an error: returning false here would drop the
  // plugin silently and compile `defer` as a plain statement.
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    for (const std::string &Arg : Args) {
      if (Arg == "remarks")
        Opts.Remarks = true;
      else if (Arg == "strategy=runtime")
        Opts.ForceRuntime = true;
      else if (Arg == "strategy=auto")
        Opts.ForceRuntime = false;
      else
        errUnknownArgument(CI.getDiagnostics(), Arg);
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  Options Opts;
};

} // namespace
} // namespace cdefer

static FrontendPluginRegistry::Add<cdefer::DeferAction>
    Registration("cdefer", "Go-style defer for C");

/// The same library is an LLVM pass plugin (-fpass-plugin=cdefer.so): the IR
/// half then runs wherever the plugin's IR is compiled, also from bitcode
/// (-save-temps, -emit-llvm then -c), where no AST action runs. Running it
/// twice is harmless: the first run leaves no marker for the second.
extern "C" __attribute__((visibility("default"))) llvm::PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  llvm::PassPluginLibraryInfo Info{LLVM_PLUGIN_API_VERSION, "cdefer", "0.1"};
  Info.RegisterPassBuilderCallbacks = [](llvm::PassBuilder &PB) {
    PB.registerPipelineStartEPCallback(
        [](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) {
          MPM.addPass(cdefer::UnwindPass());
        });
  };
  return Info;
}
