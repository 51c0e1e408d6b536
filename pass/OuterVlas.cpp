//===- OuterVlas.cpp - arrays of the outermost block after an early return ===//
#include "OuterVlas.h"
#include "Diagnostics.h"
#include "SharedVariables.h"
#include "UnwindPass.h"
#include "VariablyModified.h"

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cdefer {
namespace {

bool containsReturn(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt>(S))
    return true;
  for (const Stmt *Child : evaluatedChildren(S))
    if (containsReturn(Child))
      return true;
  return false;
}

/// The statement under a chain of labels (C23: `L: int v[n];`).
Stmt *underLabels(Stmt *S) {
  while (auto *Label = dyn_cast<LabelStmt>(S))
    S = Label->getSubStmt();
  return S;
}

/// The type \p Dl declares: a variable's, or a typedef's.
QualType declaredType(const Decl *Dl) {
  if (const auto *V = dyn_cast<VarDecl>(Dl))
    return V->getType();
  if (const auto *TD = dyn_cast<TypedefNameDecl>(Dl))
    return TD->getUnderlyingType();
  return QualType();
}

bool declaresVariablyModified(Stmt *St) {
  auto *DS = dyn_cast<DeclStmt>(underLabels(St));
  return DS && llvm::any_of(DS->decls(), [](const Decl *Dl) {
           QualType T = declaredType(Dl);
           return !T.isNull() && T->isVariablyModifiedType();
         });
}

struct MovedVla {
  const VariableArrayType *Type;
  VarDecl *Storage; // void *
  VarDecl *Length;  // size_t: the array's length, fixed at its declaration
};

class Mover {
public:
  Mover(AstBuilder &B, const std::vector<VarDecl *> &Vlas,
        std::vector<Stmt *> &Prologue)
      : B(B), Size(B.Ctx.getSizeType()) {
    for (VarDecl *V : Vlas) {
      B.Loc = V->getLocation();
      std::string Name = V->getName().str();
      MovedVla M{B.Ctx.getAsVariableArrayType(V->getType()),
                 B.local("__cdefer_" + Name, B.Ctx.VoidPtrTy),
                 B.local("__cdefer_" + Name + "_length", Size)};
      Prologue.push_back(B.declare(M.Storage));
      Prologue.push_back(B.declare(M.Length));
      Moved[V] = M;
    }
  }

  /// The statements that stand for \p S in the outermost block.
  void declarations(Stmt *S, std::vector<Stmt *> &Out) {
    std::vector<Stmt *> Labels;
    Stmt *Inner = S;
    while (auto *Label = dyn_cast<LabelStmt>(Inner)) {
      Labels.push_back(Label);
      Inner = Label->getSubStmt();
    }
    auto *DS = dyn_cast<DeclStmt>(Inner);
    if (!DS || !llvm::any_of(DS->decls(), [&](Decl *D) {
          return isa<VarDecl>(D) && Moved.count(cast<VarDecl>(D));
        })) {
      Out.push_back(S);
      return;
    }
    // A label keeps its place, before what the declaration becomes.
    for (Stmt *L : Labels)
      cast<LabelStmt>(L)->setSubStmt(new (B.Ctx) NullStmt(L->getBeginLoc()));
    Out.insert(Out.end(), Labels.begin(), Labels.end());
    std::vector<Decl *> Kept;
    auto Flush = [&] {
      if (!Kept.empty())
        Out.push_back(new (B.Ctx) DeclStmt(
            DeclGroupRef::Create(B.Ctx, Kept.data(), Kept.size()),
            DS->getBeginLoc(), DS->getEndLoc()));
      Kept.clear();
    };
    for (Decl *D : DS->decls()) {
      auto *V = dyn_cast<VarDecl>(D);
      auto It = V ? Moved.find(V) : Moved.end();
      if (It == Moved.end()) {
        Kept.push_back(D);
        continue;
      }
      Flush();
      allocate(V, It->second, Out);
    }
    Flush();
  }

  void rewriteUses(Stmt *&S) {
    if (!S)
      return;
    if (auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      auto *V = dyn_cast<VarDecl>(Ref->getDecl());
      auto It = V ? Moved.find(V) : Moved.end();
      if (It != Moved.end())
        S = use(It->second, Ref->getLocation());
      return;
    }
    for (Stmt *&Child : evaluatedChildren(S))
      rewriteUses(Child);
  }

private:
  AstBuilder &B;
  QualType Size;
  llvm::DenseMap<const VarDecl *, MovedVla> Moved;

  /// length = n; storage = __cdefer_alloca(length * sizeof(T), align);
  void allocate(VarDecl *V, const MovedVla &M, std::vector<Stmt *> &Out) {
    B.Loc = V->getLocation();
    ASTContext &Ctx = B.Ctx;
    Expr *N = M.Type->getSizeExpr();
    if (!Ctx.hasSameType(N->getType(), Size))
      N = ImplicitCastExpr::Create(Ctx, Size, CK_IntegralCast, N, nullptr,
                                   VK_PRValue, FPOptionsOverride());
    Out.push_back(B.assign(B.ref(M.Length), N));
    QualType Element = M.Type->getElementType();
    Expr *Bytes = B.binary(
        BO_Mul, B.load(B.ref(M.Length)),
        B.integer(Ctx.getTypeSizeInChars(Element).getQuantity(), Size));
    uint64_t Align = std::max<uint64_t>(
        16, Ctx.getTypeAlignInChars(Element).getQuantity());
    FunctionDecl *Alloca =
        B.markerFunction(AllocaMarker, Ctx.VoidPtrTy, {Size, Size});
    Out.push_back(B.assign(B.ref(M.Storage),
                           B.call(Alloca, {Bytes, B.integer(Align, Size)})));
  }

  /// *(T (*)[length])storage, an lvalue of the array's type.
  Expr *use(const MovedVla &M, SourceLocation Loc) {
    B.Loc = Loc;
    ASTContext &Ctx = B.Ctx;
    QualType Array =
        Ctx.getVariableArrayType(M.Type->getElementType(),
                                 B.load(B.ref(M.Length)),
                                 ArraySizeModifier::Normal, 0);
    QualType Pointer = Ctx.getPointerType(Array);
    Expr *Cast = CStyleCastExpr::Create(
        Ctx, Pointer, VK_PRValue, CK_BitCast, B.load(B.ref(M.Storage)),
        nullptr, FPOptionsOverride(), Ctx.getTrivialTypeSourceInfo(Pointer, Loc),
        Loc, Loc);
    return B.paren(B.deref(Cast));
  }
};

/// The variables that a typeof(expr) in \p S, at any depth, names.
void collectTypeofNames(Stmt *S, llvm::DenseSet<const VarDecl *> &Named) {
  if (!S)
    return;
  auto NamedIn = [&](QualType T) {
    forEachSizingSugar(T, [&](const Type *Sugar) {
      if (const auto *Of = dyn_cast<TypeOfExprType>(Sugar))
        forEachNamedVariable(Of->getUnderlyingExpr(),
                             [&](VarDecl *V) { Named.insert(V); });
    });
  };
  if (auto *E = dyn_cast<Expr>(S))
    NamedIn(E->getType());
  forEachWrittenType(S, NamedIn);
  for (Stmt *Child : evaluatedChildren(S))
    collectTypeofNames(Child, Named);
}

/// typeof(v) keeps naming v's declaration, which moving v replaces: CodeGen
/// crashed on it. Such a v is an error, as the other variably modified
/// declarations after a return are.
bool keepOnlyUnnamedByTypeof(CompoundStmt *Body, DiagnosticsEngine &D,
                             const SourceManager &SM,
                             std::vector<VarDecl *> &Vlas) {
  llvm::DenseSet<const VarDecl *> Named;
  collectTypeofNames(Body, Named);
  bool Ok = true;
  llvm::erase_if(Vlas, [&](VarDecl *V) {
    if (!Named.count(V))
      return false;
    errVariablyModifiedAfterReturn(D, userLoc(SM, V->getLocation()),
                                   V->getName());
    Ok = false;
    return true;
  });
  return Ok;
}

} // namespace

bool findOuterVlas(CompoundStmt *Body, DiagnosticsEngine &D,
                   const SourceManager &SM, std::vector<VarDecl *> &Out) {
  // Most outermost blocks declare nothing variably modified: then no
  // statement needs searching for a return.
  if (llvm::none_of(Body->body(), declaresVariablyModified))
    return true;
  bool ReturnBefore = false, Ok = true;
  for (Stmt *St : Body->body()) {
    if (auto *DS = dyn_cast<DeclStmt>(underLabels(St)); DS && ReturnBefore)
      for (Decl *Dl : DS->decls()) {
        QualType T = declaredType(Dl);
        if (T.isNull() || !T->isVariablyModifiedType())
          continue;
        auto *V = dyn_cast<VarDecl>(Dl);
        if (V && T->isVariableArrayType() &&
            !cast<ArrayType>(T.getCanonicalType())
                 ->getElementType()
                 ->isVariablyModifiedType()) {
          Out.push_back(V);
          continue;
        }
        errVariablyModifiedAfterReturn(
            D, userLoc(SM, Dl->getLocation()),
            cast<NamedDecl>(Dl)->getName());
        Ok = false;
      }
    if (!ReturnBefore)
      ReturnBefore = containsReturn(St);
  }
  if (!Out.empty())
    Ok &= keepOnlyUnnamedByTypeof(Body, D, SM, Out);
  return Ok;
}

CompoundStmt *moveOuterVlas(AstBuilder &B, CompoundStmt *Body,
                            const std::vector<VarDecl *> &Vlas,
                            std::vector<Stmt *> &Prologue,
                            const std::vector<Stmt **> &Roots) {
  if (Vlas.empty())
    return Body;
  Mover M(B, Vlas, Prologue);
  std::vector<Stmt *> Stmts;
  for (Stmt *S : Body->body())
    M.declarations(S, Stmts);
  for (Stmt *&S : Stmts)
    M.rewriteUses(S);
  for (Stmt **Root : Roots)
    M.rewriteUses(*Root);
  return CompoundStmt::Create(B.Ctx, Stmts, Body->getStoredFPFeaturesOrDefault(),
                              Body->getLBracLoc(), Body->getRBracLoc());
}

} // namespace cdefer
