//===- FunctionLowering.cpp - one function's defers, checked then lowered -===//
#include "FunctionLowering.h"
#include "Abi.h"
#include "Defers.h"
#include "Diagnostics.h"
#include "FileScope.h"
#include "Lower.h"
#include "OutlineDeferred.h"
#include "Recover.h"
#include "Strategy.h"
#include "ThreadSafetyWarnings.h"
#include "UnreachableCodeWarnings.h"
#include "VariablyModified.h"

#include "clang/AST/Decl.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/ProgramStack.h"

using namespace clang;

namespace cdefer {
namespace {

void remark(Sema &S, const FunctionDefers &F, const Strategy &Plan) {
  std::string Count = std::to_string(F.Sites.size()) +
                      (F.Sites.size() == 1 ? " defer" : " defers");
  std::string Text = Plan.OpenCoded
                         ? Count + " open-coded"
                         : Count + " use runtime records: " + Plan.Reason;
  remarkStrategy(S.getDiagnostics(),
                 userLoc(S.getSourceManager(), F.Function->getLocation()),
                 F.Function->getName(), Text);
}

/// The <cdefer.h> the file includes must be for the ABI this plugin
/// generates code for (cdefer_abi.h).
bool abiMatches(Sema &S, const FunctionDefers &F) {
  SourceLocation Loc =
      F.Sites.empty()
          ? userLoc(S.getSourceManager(), F.Function->getLocation())
          : F.Sites.front().Loc;
  const auto *Version = cast_or_null<EnumConstantDecl>(findFileScope(
      S, AbiVersionName,
      [](const NamedDecl &ND) { return isa<EnumConstantDecl>(ND); }));
  if (!Version) {
    errMissingRuntime(S.getDiagnostics(), Loc, AbiVersionName);
    return false;
  }
  if (Version->getInitVal() != AbiVersion) {
    errAbiVersion(S.getDiagnostics(), Loc,
                  std::to_string(Version->getInitVal().getExtValue()),
                  AbiVersion);
    return false;
  }
  return true;
}

} // namespace

FunctionLowering::FunctionLowering(
    Sema &S, LoweringOptions Opts,
    std::function<void(FunctionDecl &)> Emit)
    : S(S), Opts(Opts), Emit(std::move(Emit)), Exits(Opts.CoverageMapping),
      Errors(S.getDiagnostics()) {}

/// How deep \p Root's AST goes, found without recursing.
static unsigned astDepth(const Stmt *Root) {
  unsigned Deepest = 0;
  llvm::SmallVector<std::pair<const Stmt *, unsigned>, 64> Todo{{Root, 1}};
  while (!Todo.empty()) {
    auto [S, Depth] = Todo.pop_back_val();
    Deepest = std::max(Deepest, Depth);
    for (const Stmt *Child : evaluatedChildren(S))
      if (Child)
        Todo.push_back({Child, Depth + 1});
  }
  return Deepest;
}

void FunctionLowering::lower(FunctionDecl &FD) {
  if (!Lowered.insert(&FD).second)
    return;
  // Every walk below recurses once per level of the AST, in frames of up
  // to about a kilobyte: an expression of 35,000 operands, which clang
  // itself compiles, overflowed the stack. Deep bodies get a stack of
  // their own, sized to them (memory is only touched as it is used).
  unsigned Depth = astDepth(FD.getBody());
  if (Depth < 2000)
    lowerOnThisStack(FD);
  else
    llvm::runOnNewStack(
        std::min<uint64_t>((uint64_t(Depth) << 11) + (8 << 20),
                           uint64_t(1) << 31),
        [&] { lowerOnThisStack(FD); });
  Errors.forgetOwn();
}

void FunctionLowering::lowerOnThisStack(FunctionDecl &FD) {
  bool ClangReportedErrors = Errors.reported();
  FunctionDefers F;
  // C++ never gets here with a defer (Attributes.cpp rejects it), and
  // recover() there stays cdefer_recover().
  if (S.getLangOpts().CPlusPlus || !collectDefers(S, FD, F))
    return;
  // After an error of clang's nothing is generated; lowering would only
  // risk walking an AST that Sema gave up on.
  if ((F.Sites.empty() && !callsRecover(FD.getBody())) || ClangReportedErrors)
    return;
  // Everything is checked before anything changes; the ABI once per file.
  if (!AbiChecked) {
    AbiChecked = true;
    AbiOk = abiMatches(S, F);
  }
  if (!AbiOk)
    return;
  // On the body as written, the blocks with defers of their own still in
  // it: the functions they become are no code of the user's to warn about
  // twice.
  if (!F.Sites.empty() && !MadeByOutlining.contains(&FD))
    warnUnreachableCode(S, FD);
  lintDefers(S, F, Opts.Lints, Opts.Remarks);
  std::vector<FunctionDecl *> Outlined;
  if (!F.Outlined.empty() && !outlineDeferredBlocks(S, F, Outlined))
    return;
  MadeByOutlining.insert(Outlined.begin(), Outlined.end());
  lowerChecked(F);
  for (FunctionDecl *Fn : Outlined) {
    Errors.forgetOwn();
    lower(*Fn);
    if (Emit)
      Emit(*Fn);
  }
}

/// \p F's defers and recover() calls, once its blocks with defers of their
/// own are functions of their own.
void FunctionLowering::lowerChecked(FunctionDefers &F) {
  std::unique_ptr<RecoverPlan> Recover;
  if (callsRecover(F.Function->getBody()) && !(Recover = planRecovers(S, F)))
    return;
  Strategy Plan; // outlives Lowering, which refers to it
  std::unique_ptr<LoweringPlan> Lowering;
  if (!F.Sites.empty()) {
    Plan = chooseStrategy(S.Context, F, Opts.ForceRuntime);
    if (Opts.Remarks)
      remark(S, F, Plan);
    if (!(Lowering = planLowering(S, F, Plan, Opts.Markers, Exits)))
      return;
    if (Opts.ThreadSafety && wantsThreadSafety(S, F))
      warnThreadSafety(S, F, Plan);
  }
  if (Lowering)
    Lowering->apply(Recover ? Recover->tokens() : RecoverTokens());
  if (Recover)
    Recover->apply();
}

} // namespace cdefer
