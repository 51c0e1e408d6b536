//===- Plugin.cpp - cdefer's entry point in clang-22 ----------------------===//
//
// `clang-22 -fplugin=cdefer.so` loads this file's action before the main one
// (usually CodeGen). Its consumer sees each function after Sema has finished
// it and before CodeGen emits it, and lowers the function's defers there.
//
//===----------------------------------------------------------------------===//
#include "Diagnostics.h"
#include "FunctionLowering.h"
#include "LintPragmas.h"
#include "OwnLandPass.h"
#include "ParseHooks.h"
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
#include <optional>

using namespace clang;

namespace cdefer {
namespace {

class DeferConsumer : public SemaConsumer {
public:
  explicit DeferConsumer(LoweringOptions Opts) : Opts(Opts) {}

  void InitializeSema(Sema &S) override {
    // A function the lowering makes goes to every consumer, CodeGen
    // included, as Sema's own do; this one has lowered it already.
    Lowering.emplace(S, Opts, [&S](FunctionDecl &Fn) {
      S.Consumer.HandleTopLevelDecl(DeclGroupRef(&Fn));
    });
    addMissingHeaderHint(S);
  }
  void ForgetSema() override { Lowering.reset(); }

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    // A precompiled header or an AST file hands over its declarations
    // before there is a Sema; they were lowered when they were parsed.
    if (!Lowering)
      return true;
    // Most functions have no defer and no recover(): not even walked.
    unsigned Marks = deferMarksSoFar();
    if (Marks == MarksHandled)
      return true;
    MarksHandled = Marks;
    for (Decl *D : Group)
      if (auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->doesThisDeclarationHaveABody() && !FD->isInvalidDecl())
          Lowering->lower(*FD);
    return true;
  }

private:
  LoweringOptions Opts;
  std::optional<FunctionLowering> Lowering;
  unsigned MarksHandled = ~0u; // deferMarksSoFar() when a group was lowered
};

/// The unwind pass first; for -flto, the pass that says every function may
/// unwind; after the inliner, the pass that drops the landing notes a
/// function's own frame does not need (OwnLandPass.h).
/// Not in an LTO build: the link's inliner is still to run, and functions
/// of other modules have numbers of their own.
void registerIRPasses(llvm::PassBuilder &PB) {
  PB.registerPipelineStartEPCallback(
      [](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) {
        MPM.addPass(UnwindPass());
      });
  PB.registerPipelineEarlySimplificationEPCallback(
      [](llvm::ModulePassManager &MPM, llvm::OptimizationLevel,
         llvm::ThinOrFullLTOPhase Phase) {
        if (Phase == llvm::ThinOrFullLTOPhase::ThinLTOPreLink ||
            Phase == llvm::ThinOrFullLTOPhase::FullLTOPreLink)
          MPM.addPass(LinkMayUnwindPass());
      });
  PB.registerOptimizerLastEPCallback(
      [](llvm::ModulePassManager &MPM, llvm::OptimizationLevel,
         llvm::ThinOrFullLTOPhase Phase) {
        if (Phase == llvm::ThinOrFullLTOPhase::None)
          MPM.addPass(OwnLandPass());
      });
}

class DeferAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    // The static analyzer reads the lowered function; the IR pass's markers,
    // opaque calls that take the defers' state, would hide from it which
    // deferred code runs.
    Opts.Markers = CI.getFrontendOpts().ProgramAction != frontend::RunAnalysis;
    Opts.CoverageMapping = CI.getCodeGenOpts().CoverageMapping;
    Opts.Lints.Pragmas = std::make_shared<LintPragmas>();
    watchDeferredCode(CI.getPreprocessor(), Opts.Lints.Pragmas);
    // The IR half: landing pads for panics, at every optimization level.
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back(registerIRPasses);
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
      else if (llvm::StringRef(Arg).starts_with("W")) {
        if (!Opts.Lints.apply(Arg))
          errUnknownLint(CI.getDiagnostics(), Arg, LintSettings::known());
      } else {
        errUnknownArgument(CI.getDiagnostics(), Arg);
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  LoweringOptions Opts;
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
  Info.RegisterPassBuilderCallbacks = cdefer::registerIRPasses;
  return Info;
}
