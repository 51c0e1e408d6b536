//===- OutlineDeferred.cpp - deferred blocks with defers of their own -----===//
//
// A defer inside a deferred block runs when that block ends (Go's defers
// in a deferred function literal). The block becomes a function of its own,
// whose defers are lowered as any function's: open-coded or with records,
// with its own landing pads, so a panic inside the block (in its inner
// deferred code included) runs the inner defers, then the rest of the
// enclosing function's:
//
//   defer {                          static void __cdefer_deferred_f_0(
//     FILE *log = open_log();            size_t __cdefer_token, int *__cdefer_n) {
//     defer fclose(log);      ==>      FILE *log = open_log();
//     report(log, n);                  defer fclose(log);
//   }                                  report(log, (*__cdefer_n));
//                                    }
//                                    defer { __cdefer_deferred_f_0(token, &n); }
//
// The variables of the enclosing function the block names are passed by
// address: the block reads and writes them where they are, as before. The
// token is the block's recover() token (Recover.cpp): recover() directly
// in the block still stops a panic that runs the block.
//
//===----------------------------------------------------------------------===//
#include "OutlineDeferred.h"
#include "Abi.h"
#include "AstBuilder.h"
#include "Diagnostics.h"
#include "Recover.h"
#include "SharedVariables.h"
#include "VariablyModified.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/GlobalDecl.h"
#include "clang/AST/Mangle.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cdefer {
namespace {

constexpr llvm::StringLiteral TokenName = "__cdefer_token";

/// The variables of the enclosing function a deferred block names, and
/// what keeps the block from moving.
class Captures {
public:
  Captures(DiagnosticsEngine &D, const SourceManager &SM, SourceLocation Defer)
      : D(D), SM(SM), Defer(Defer) {}

  std::vector<VarDecl *> Vars;

  bool find(Stmt *Block) {
    forEachDeclaredVariable(Block, [&](VarDecl *VD) {
      Inside.insert(VD);
      if (VD->getType()->isVariablyModifiedType())
        failVariablyModified(VD->getLocation(), VD->getName());
    });
    collectLabels(Block);
    scan(Block);
    return Ok;
  }

private:
  DiagnosticsEngine &D;
  const SourceManager &SM;
  SourceLocation Defer;
  llvm::DenseSet<const VarDecl *> Inside, Seen;
  llvm::DenseSet<const LabelDecl *> LabelsInside;
  bool Ok = true;
  bool VariablyModifiedReported = false;


  void scan(Stmt *S) {
    if (!S)
      return;
    if (isa<BlockExpr>(S))
      return fail(S->getBeginLoc(), "a block literal");
    if (startsVariableArguments(S))
      return fail(S->getBeginLoc(), "va_start");
    // A label's address is an address in its own function's code: the new
    // function cannot name one of the enclosing function's (CodeGen
    // crashed on it, or the assembler found the label missing).
    if (auto *Address = dyn_cast<AddrLabelExpr>(S);
        Address && !LabelsInside.count(Address->getLabel()))
      return fail(S->getBeginLoc(),
                  ("&&" + Address->getLabel()->getName()).str());
    if (auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        if (VD->isLocalVarDeclOrParm() && !Inside.count(VD)) {
          if (VD->getType()->isVariablyModifiedType())
            return failVariablyModified(Ref->getLocation(), VD->getName());
          if (VD->getStorageClass() == SC_Register)
            return fail(Ref->getLocation(), VD->getName());
          if (Seen.insert(VD).second)
            Vars.push_back(VD);
        }
    for (Stmt *Child : evaluatedChildren(S))
      scan(Child);
    // After the children: a variable of such a type, named below, says it.
    rejectVariablyModifiedType(S);
  }

  void collectLabels(Stmt *S) {
    if (!S)
      return;
    if (auto *Label = dyn_cast<LabelStmt>(S))
      LabelsInside.insert(Label->getDecl());
    for (Stmt *Child : evaluatedChildren(S))
      collectLabels(Child);
  }

  /// The sizes of a variably modified type are computed by the enclosing
  /// function: where a typedef or an array that typeof names is declared,
  /// or from its variables (`(int (*)[n])p`), which the scan above does not
  /// see. The new function has neither: CodeGen crashed on a typedef's
  /// size, and read another object for n. One error per block.
  void rejectVariablyModifiedType(Stmt *S) {
    if (VariablyModifiedReported || isa<DeclRefExpr>(S))
      return;
    auto Check = [&](QualType T) {
      if (!VariablyModifiedReported && !T.isNull() &&
          T->isVariablyModifiedType())
        failVariablyModified(S->getBeginLoc(), T.getAsString());
    };
    if (auto *E = dyn_cast<Expr>(S))
      Check(E->getType());
    forEachWrittenType(S, Check);
  }

  void failVariablyModified(SourceLocation Loc, llvm::StringRef What) {
    VariablyModifiedReported = true;
    fail(Loc, What);
  }

  /// va_start names the arguments of the function it is in: the new
  /// function has none.
  static bool startsVariableArguments(const Stmt *S) {
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      return false;
    switch (Call->getBuiltinCallee()) {
    case Builtin::BI__builtin_va_start:
    case Builtin::BI__builtin_c23_va_start:
    case Builtin::BI__va_start:
      return true;
    default:
      return false;
    }
  }

  void fail(SourceLocation Loc, llvm::StringRef What) {
    errCannotOutline(D, userLoc(SM, Loc), What);
    noteDeferHere(D, Defer);
    Ok = false;
  }
};

class Outliner {
public:
  Outliner(Sema &S, FunctionDefers &F)
      : S(S), Ctx(S.Context), F(F),
        B(S.Context, *F.Function, F.Function->getLocation()) {}

  bool check() {
    bool Ok = true;
    for (unsigned Index : F.Outlined) {
      Captures C(S.getDiagnostics(), S.getSourceManager(), F.Sites[Index].Loc);
      Ok &= C.find(F.Sites[Index].Deferred);
      Vars.push_back(std::move(C.Vars));
    }
    return Ok;
  }

  void apply(std::vector<FunctionDecl *> &Made) {
    for (size_t I = 0; I < F.Outlined.size(); ++I)
      Made.push_back(outline(F.Sites[F.Outlined[I]], Vars[I]));
  }

private:
  Sema &S;
  ASTContext &Ctx;
  FunctionDefers &F;
  AstBuilder B;
  std::vector<std::vector<VarDecl *>> Vars;

  FunctionDecl *outline(DeferSite &Site, const std::vector<VarDecl *> &Captured) {
    auto *Block = cast<CompoundStmt>(Site.Deferred);
    B.Loc = Block->getLBracLoc();
    bool NeedsToken = callsRecover(Block);
    FunctionDecl *Fn = declareFunction(Site, Captured);
    llvm::DenseMap<VarDecl *, VarDecl *> Through;
    llvm::DenseMap<const VarDecl *, VarDecl *> Renamed;
    for (size_t I = 0; I < Captured.size(); ++I)
      if (isPassedOn(Captured[I]))
        Renamed[Captured[I]] = Fn->getParamDecl(I + 1);
      else
        Through[Captured[I]] = Fn->getParamDecl(I + 1);
    Stmt *Body = Block;
    redirectUses(Body, B, Through, {});
    renameUses(Body, Renamed);
    moveDeclarations(Body, Fn);
    Fn->setBody(Body);
    // -Wthread-safety reads this code as part of the enclosing function,
    // where it runs (ExitView.cpp), not as a function that unlocks what it
    // never locked.
    Fn->addAttr(NoThreadSafetyAnalysisAttr::CreateImplicit(Ctx));
    inheritCodeGenAttributes(Fn);
    Site.Outlined = Body;
    // At the `defer`: the block's own lines are the new function's now,
    // and coverage would count them twice.
    B.Loc = Site.Loc;
    replaceSite(Site, call(Fn, Captured, NeedsToken));
    return Fn;
  }

  /// Whether \p V is the pointer through which the function being lowered,
  /// itself a block's function, reaches a variable of the function that
  /// enclosed it. A block nested in it gets the same pointer, not one to
  /// it: each level of nesting added a `*` to every use below it, and
  /// the AST grew with the cube of the depth (500 levels took minutes).
  bool isPassedOn(const VarDecl *V) const {
    const auto *Param = dyn_cast<ParmVarDecl>(V);
    return Param && Param->getDeclContext() == F.Function &&
           Param->getFunctionScopeIndex() > 0 &&
           outlinedBlockToken(F.Function) != nullptr;
  }

  /// The name \p Fn has in the object file: overloadable functions share
  /// their source name, and their blocks' functions must not.
  std::string symbolName(const FunctionDecl &Fn) {
    std::unique_ptr<MangleContext> Mangler(Ctx.createMangleContext());
    if (!Mangler->shouldMangleDeclName(&Fn))
      return Fn.getName().str();
    std::string Name;
    llvm::raw_string_ostream Out(Name);
    Mangler->mangleName(GlobalDecl(&Fn), Out);
    return Name;
  }

  /// static void __cdefer_deferred_<function>_<site>(size_t token, T *v...)
  FunctionDecl *declareFunction(const DeferSite &Site,
                                const std::vector<VarDecl *> &Captured) {
    std::vector<QualType> Params = {Ctx.getSizeType()};
    for (VarDecl *V : Captured)
      Params.push_back(isPassedOn(V) ? V->getType()
                                     : Ctx.getPointerType(V->getType()));
    QualType T = Ctx.getFunctionType(Ctx.VoidTy, Params,
                                     FunctionProtoType::ExtProtoInfo());
    std::string Name = (OutlinedPrefix + symbolName(*F.Function) + "_" +
                        llvm::Twine(Site.Index))
                           .str();
    TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
    FunctionDecl *Fn = FunctionDecl::Create(
        Ctx, TU, B.Loc, B.Loc, &Ctx.Idents.get(Name), T,
        Ctx.getTrivialTypeSourceInfo(T, B.Loc), SC_Static);
    std::vector<ParmVarDecl *> Parms;
    for (size_t I = 0; I < Params.size(); ++I) {
      std::string ParmName =
          I == 0                          ? TokenName.str()
          : isPassedOn(Captured[I - 1]) ? Captured[I - 1]->getName().str()
                 : (CapturedPrefix + Captured[I - 1]->getName()).str();
      Parms.push_back(ParmVarDecl::Create(
          Ctx, Fn, B.Loc, B.Loc, &Ctx.Idents.get(ParmName), Params[I],
          Ctx.getTrivialTypeSourceInfo(Params[I], B.Loc), SC_None, nullptr));
      // Its position, as Sema records it: analyses find arguments by it.
      Parms.back()->setScopeInfo(0, I);
      // No tool may call a hidden parameter unused (misc-unused-parameters
      // did): the block reads each variable's (its uses are rewritten, not
      // parsed, so nothing marked them), and its token where it recovers.
      Parms.back()->setIsUsed();
      Parms.back()->setReferenced();
      if (I == 0)
        Parms.back()->addAttr(UnusedAttr::CreateImplicit(Ctx));
    }
    Fn->setParams(Parms);
    Fn->setIsUsed();
    Fn->setReferenced();
    addBefore(TU, F.Function, Fn);
    return Fn;
  }

  /// The block is the enclosing function's code: what that function says
  /// about how its code is built (the target features its intrinsics need,
  /// the sanitizers it turns off, no optimization) holds for it still.
  void inheritCodeGenAttributes(FunctionDecl *Fn) {
    for (const Attr *A : F.Function->attrs())
      if (isa<TargetAttr, NoSanitizeAttr, DisableSanitizerInstrumentationAttr,
              NoInstrumentFunctionAttr, NoProfileFunctionAttr,
              NoStackProtectorAttr, NoSplitStackAttr, OptimizeNoneAttr,
              MinSizeAttr>(A))
        Fn->addAttr(A->clone(Ctx));
  }

  /// Adds \p New to \p TU right before \p Anchor, where printing the
  /// file (-ast-print) defines it before its caller, as C wants.
  static void addBefore(TranslationUnitDecl *TU, Decl *Anchor, Decl *New) {
    std::vector<Decl *> From;
    bool Found = false;
    for (Decl *D : TU->decls())
      if ((Found |= D == Anchor))
        From.push_back(D);
    for (Decl *D : From)
      TU->removeDecl(D);
    TU->addDecl(New);
    for (Decl *D : From)
      TU->addDecl(D);
  }

  /// The block's own variables belong to the new function now.
  static void moveDeclarations(Stmt *S, FunctionDecl *Fn) {
    if (!S)
      return;
    if (auto *DS = dyn_cast<DeclStmt>(S))
      for (Decl *D : DS->decls())
        if (isa<VarDecl>(D))
          D->setDeclContext(Fn);
    for (Stmt *Child : evaluatedChildren(S))
      moveDeclarations(Child, Fn);
  }

  /// { __cdefer_deferred_f_N(token, &v...); }
  CompoundStmt *call(FunctionDecl *Fn, const std::vector<VarDecl *> &Captured,
                     bool NeedsToken) {
    std::vector<Expr *> Args;
    Args.push_back(NeedsToken
                       ? B.call(B.markerFunction(BlockTokenMarker,
                                                 Ctx.getSizeType(), {}),
                                {})
                       : B.integer(0, Ctx.getSizeType()));
    for (VarDecl *V : Captured)
      Args.push_back(isPassedOn(V) ? B.load(B.ref(V))
                                   : B.addressOf(B.ref(V)));
    return B.block({B.call(Fn, Args)});
  }

  void replaceSite(DeferSite &Site, CompoundStmt *Call) {
    if (auto *Attributed = dyn_cast<AttributedStmt>(Site.Statement)) {
      *Attributed->child_begin() = Call;
    } else if (Site.Label) {
      Site.Label->setSubStmt(Call);
      Site.Statement = Call;
    }
    Site.Deferred = Call;
  }
};

} // namespace

bool outlineDeferredBlocks(Sema &S, FunctionDefers &F,
                           std::vector<FunctionDecl *> &Made) {
  Outliner O(S, F);
  if (!O.check())
    return false;
  O.apply(Made);
  return true;
}

VarDecl *outlinedBlockToken(const FunctionDecl *FD) {
  if (!FD->getIdentifier() || !FD->getName().starts_with(OutlinedPrefix) ||
      FD->getNumParams() == 0)
    return nullptr;
  ParmVarDecl *First = const_cast<ParmVarDecl *>(FD->getParamDecl(0));
  return First->getIdentifier() && First->getName() == TokenName ? First
                                                                  : nullptr;
}

} // namespace cdefer
