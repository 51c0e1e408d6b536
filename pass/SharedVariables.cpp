//===- SharedVariables.cpp - inner-block variables that deferred code uses ===//
//
// A variable x of an inner block that a deferred block names:
//
//   { char *p = NULL;               { char *p = NULL, *__cdefer_p = &p;
//     defer { free(p); }      ==>     <defer: move p, remember where it is>
//     p = malloc(n);                  *__cdefer_p = malloc(n);
//   }                               }
//   ...                             exit: free(*__cdefer_s0_p);
//
// Every use of p in the function goes through __cdefer_p, the pointer to
// p's current instance, declared with p (so each execution of the
// declaration, each loop iteration, starts a new instance). The first defer
// that names p in an instance moves it: copies its value (an array's
// elements, with memcpy) into storage the defer owns (a hidden local when
// open-coded, a field of the defer's record otherwise) and points
// __cdefer_p there, so that the rest of the block reads and writes that
// storage. Each defer keeps a pointer to it, which its deferred code uses
// at exit: it sees the value p had when its block ended, and later defers
// of the same instance share it, as Go's closures share a variable.
// Variables no deferred code names are left alone.
//
//===----------------------------------------------------------------------===//
#include "SharedVariables.h"
#include "Diagnostics.h"
#include "VariablyModified.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace cdefer {

void forEachNamedVariable(Stmt *S, llvm::function_ref<void(VarDecl *)> Each) {
  if (!S)
    return;
  if (auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
      Each(V);
  for (Stmt *Child : S->children())
    forEachNamedVariable(Child, Each);
}

namespace {

/// Finds the variables a deferred statement names.
class InnerUseFinder {
public:
  InnerUseFinder(const llvm::DenseSet<const VarDecl *> &Outer,
                 const llvm::DenseSet<const TypedefNameDecl *> &OuterTypedefs,
                 DiagnosticsEngine &D, const SourceManager &SM,
                 SourceLocation DeferLoc)
      : Alive(Outer), AliveTypedefs(OuterTypedefs), D(D), SM(SM),
        DeferLoc(DeferLoc) {}

  bool run(Stmt *Code, std::vector<InnerUse> &Out) {
    // Variables the deferred statement declares itself live as long as it.
    forEachDeclaredVariable(Code, [&](VarDecl *VD) { Alive.insert(VD); });
    addDeclaredTypedefs(Code);
    visit(Code, /*InType=*/false);
    Out = std::move(Uses);
    return Ok;
  }

private:
  llvm::DenseSet<const VarDecl *> Alive;
  llvm::DenseSet<const TypedefNameDecl *> AliveTypedefs, ReportedTypedefs;
  DiagnosticsEngine &D;
  const SourceManager &SM;
  SourceLocation DeferLoc;
  std::vector<InnerUse> Uses;
  llvm::DenseSet<const VarDecl *> Seen, ReportedInType;
  llvm::DenseSet<const ValueDecl *> AddressTaken; // &v in the deferred code
  bool Ok = true;


  void visit(Stmt *S, bool InType) {
    if (!S)
      return;
    if (auto *E = dyn_cast<Expr>(S)) {
      visitType(E->getType());
      visitSizingSugar(S, E->getType());
    }
    forEachWrittenType(S, [&](QualType T) {
      visitType(T);
      visitSizingSugar(S, T);
    });
    if (auto *Op = dyn_cast<UnaryOperator>(S); Op && Op->getOpcode() == UO_AddrOf)
      if (auto *Ref = dyn_cast<DeclRefExpr>(Op->getSubExpr()->IgnoreParens()))
        AddressTaken.insert(Ref->getDecl());
    if (auto *Ref = dyn_cast<DeclRefExpr>(S))
      use(Ref, InType);
    if (auto *Block = dyn_cast<BlockExpr>(S))
      visit(Block->getBlockDecl()->getBody(), InType);
    for (Stmt *Child : S->children())
      visit(Child, InType);
  }

  void addDeclaredTypedefs(Stmt *S) {
    if (!S)
      return;
    if (auto *DS = dyn_cast<DeclStmt>(S))
      for (Decl *Dl : DS->decls())
        if (auto *TD = dyn_cast<TypedefNameDecl>(Dl))
          AliveTypedefs.insert(TD);
    for (Stmt *Child : evaluatedChildren(S))
      addDeclaredTypedefs(Child);
  }

  /// A typedef's arrays have the sizes computed where it is declared, and
  /// typeof(array)'s where the array is: CodeGen takes them from there, at
  /// exit too. A typedef of an inner block, which a path to the exit may
  /// skip, has no size there (the module was broken); typeof's array is a
  /// use of that array.
  void visitSizingSugar(Stmt *S, QualType T) {
    forEachSizingSugar(T, [&](const Type *Sugar) {
      if (const auto *Of = dyn_cast<TypeOfExprType>(Sugar))
        return visit(Of->getUnderlyingExpr(), /*InType=*/false);
      const TypedefNameDecl *TD = cast<TypedefType>(Sugar)->getDecl();
      if (!TD->getDeclContext()->isFunctionOrMethod() ||
          AliveTypedefs.count(TD) || !ReportedTypedefs.insert(TD).second)
        return;
      errShareVariablyModifiedTypedef(D, userLoc(SM, S->getBeginLoc()),
                                      TD->getName());
      noteDeferHere(D, DeferLoc);
      Ok = false;
    });
  }

  /// A variable that an array size in the type names is used where the
  /// type is used.
  void visitType(QualType T) {
    forEachArraySize(T, [&](Expr *Size) { visit(Size, /*InType=*/true); });
  }

  void use(DeclRefExpr *Ref, bool InType) {
    auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) ||
        Alive.count(VD))
      return;
    // A type's size is computed where the type is used, at exit, from the
    // variable's storage: the variable cannot be redirected there.
    if (InType) {
      if (ReportedInType.insert(VD).second)
        reject(errInnerInVariablyModifiedType, Ref, VD);
      return;
    }
    QualType T = VD->getType();
    // A constexpr scalar read as a value is a constant wherever it is
    // named, at exit too: nothing to keep, and its uses stay constant
    // expressions (case labels). Its address is of storage that must live.
    if (VD->isConstexpr() && T->isScalarType() && !AddressTaken.count(VD))
      return;
    if (!Seen.insert(VD).second)
      return;
    if (T->isVariableArrayType())
      reject(errCaptureVLA, Ref, VD);
    else if (T->isVariablyModifiedType())
      reject(errShareVariablyModified, Ref, VD);
    else if (VD->hasAttr<BlocksAttr>())
      reject(errShareBlockVariable, Ref, VD);
    else if (VD->hasAttr<CleanupAttr>())
      reject(errShareCleanupVariable, Ref, VD);
    else
      Uses.push_back({VD, userLoc(SM, Ref->getLocation())});
  }

  void reject(void (*Report)(DiagnosticsEngine &, SourceLocation,
                             llvm::StringRef),
              const DeclRefExpr *Ref, const VarDecl *VD) {
    Report(D, userLoc(SM, Ref->getLocation()), VD->getName());
    noteDeferHere(D, DeferLoc);
    Ok = false;
  }
};

/// Makes \p BD, and the block literals in it, capture the copies.
void renameCaptures(
    BlockDecl *BD, const llvm::DenseMap<const VarDecl *, VarDecl *> &To) {
  std::vector<BlockDecl::Capture> Captures;
  for (const BlockDecl::Capture &C : BD->captures()) {
    VarDecl *Copy = To.lookup(C.getVariable());
    Captures.push_back(Copy ? BlockDecl::Capture(Copy, /*byRef=*/false,
                                                 C.isNested(), nullptr)
                            : C);
  }
  BD->setCaptures(BD->getASTContext(), Captures, BD->capturesCXXThis());
  renameUses(BD->getBody(), To);
}

/// Rewrites the uses of redirected variables (see redirectUses).
class Redirector {
public:
  Redirector(AstBuilder &B,
             const llvm::DenseMap<VarDecl *, VarDecl *> &Through,
             const llvm::DenseSet<const Stmt *> &Skip)
      : B(B), Through(Through), Skip(Skip) {}

  void rewrite(Stmt *&S) {
    if (!S || Skip.count(S) || readsConstexpr(S))
      return;
    if (auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (VarDecl *Pointer = target(Ref))
        S = deref(Ref, Pointer);
      return;
    }
    if (auto *Literal = dyn_cast<BlockExpr>(S)) {
      S = copyCaptures(Literal);
      return;
    }
    // Sizes in types too: `int (*p)[n]` went on reading the moved n's old
    // instance.
    for (Stmt *&Child : evaluatedChildren(S))
      rewrite(Child);
  }

  /// A variable's own initializer runs before its pointer exists (it is
  /// declared after it): there, `&node` in `struct node node = {&node}`
  /// stays the variable itself.
  void restoreInOwnInitializer(VarDecl *Var) {
    if (Stmt *Init = Var->getInit()) {
      restore(Init, Var);
      Var->setInit(cast<Expr>(Init));
    }
  }

private:
  AstBuilder &B;
  const llvm::DenseMap<VarDecl *, VarDecl *> &Through;
  const llvm::DenseSet<const Stmt *> &Skip;
  llvm::DenseMap<const Stmt *, DeclRefExpr *> Replaced; // what deref() made

  /// A constexpr variable read as a value is its constant, which a moved
  /// instance holds too: the read stays as written, where a constant is
  /// needed (a case label, a static's initializer, __builtin_constant_p)
  /// and elsewhere. Through the pointer, a case label crashed clang.
  static bool readsConstexpr(const Stmt *S) {
    const auto *Read = dyn_cast<ImplicitCastExpr>(S);
    if (!Read || Read->getCastKind() != CK_LValueToRValue)
      return false;
    const auto *Ref = dyn_cast<DeclRefExpr>(Read->getSubExpr()->IgnoreParens());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return VD && VD->isConstexpr();
  }

  VarDecl *target(const DeclRefExpr *Ref) const {
    auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    return VD ? Through.lookup(VD) : nullptr;
  }

  /// x  ==>  (*__cdefer_x), an lvalue of x's type. Block literals are not
  /// entered (copyCaptures), so no use here is a capture.
  Expr *deref(DeclRefExpr *Ref, VarDecl *Pointer) {
    B.Loc = Ref->getLocation();
    Expr *Deref = B.paren(B.deref(B.load(B.ref(Pointer))));
    Replaced[Deref] = Ref;
    return Deref;
  }

  void restore(Stmt *&S, const VarDecl *Var) {
    if (!S)
      return;
    auto It = Replaced.find(S);
    if (It != Replaced.end() && It->second->getDecl() == Var) {
      S = It->second;
      return;
    }
    for (Stmt *&Child : S->children())
      restore(Child, Var);
  }

  /// A block literal copies what it captures when it is made:
  ///   ^{ ... x ... }  ==>  ({ T __cdefer_copy_x = *p; ^{ ... copy ... }; })
  Stmt *copyCaptures(BlockExpr *Literal) {
    BlockDecl *BD = Literal->getBlockDecl();
    llvm::DenseMap<const VarDecl *, VarDecl *> Copies;
    std::vector<Stmt *> Stmts;
    B.Loc = Literal->getBeginLoc();
    for (const BlockDecl::Capture &C : BD->captures()) {
      VarDecl *Pointer = Through.lookup(C.getVariable());
      if (!Pointer)
        continue;
      VarDecl *Var = C.getVariable();
      VarDecl *Copy =
          B.local(("__cdefer_copy_" + Var->getName()).str(), Var->getType());
      Copy->setInit(B.load(B.deref(B.load(B.ref(Pointer)))));
      Stmts.push_back(B.declare(Copy));
      Copies[Var] = Copy;
    }
    if (Copies.empty())
      return Literal;
    renameCaptures(BD, Copies);
    Stmts.push_back(Literal);
    return new (B.Ctx) StmtExpr(B.block(Stmts), Literal->getType(), B.Loc,
                                B.Loc, /*TemplateDepth=*/0);
  }

};

DeclStmt *declaringStmt(Stmt *S, const VarDecl *Var) {
  if (!S)
    return nullptr;
  if (auto *DS = dyn_cast<DeclStmt>(S))
    for (Decl *Dl : DS->decls())
      if (Dl == Var)
        return DS;
  for (Stmt *Child : evaluatedChildren(S))
    if (DeclStmt *Found = declaringStmt(Child, Var))
      return Found;
  return nullptr;
}

} // namespace

void renameUses(Stmt *S,
                const llvm::DenseMap<const VarDecl *, VarDecl *> &To) {
  if (!S)
    return;
  if (auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (VarDecl *Copy = To.lookup(dyn_cast<VarDecl>(Ref->getDecl())))
      Ref->setDecl(Copy);
  if (auto *Literal = dyn_cast<BlockExpr>(S))
    renameCaptures(Literal->getBlockDecl(), To);
  for (Stmt *Child : evaluatedChildren(S))
    renameUses(Child, To);
}

void forEachDeclaredVariable(Stmt *S,
                             llvm::function_ref<void(VarDecl *)> Each) {
  if (!S)
    return;
  if (auto *DS = dyn_cast<DeclStmt>(S))
    for (Decl *D : DS->decls())
      if (auto *VD = dyn_cast<VarDecl>(D))
        Each(VD);
  if (auto *Block = dyn_cast<BlockExpr>(S))
    forEachDeclaredVariable(Block->getBlockDecl()->getBody(), Each);
  for (Stmt *Child : evaluatedChildren(S))
    forEachDeclaredVariable(Child, Each);
}

bool findInnerUses(Stmt *Code, const llvm::DenseSet<const VarDecl *> &Outer,
                   const llvm::DenseSet<const TypedefNameDecl *> &OuterTypedefs,
                   DiagnosticsEngine &D, const SourceManager &SM,
                   SourceLocation DeferLoc, std::vector<InnerUse> &Out) {
  return InnerUseFinder(Outer, OuterTypedefs, D, SM, DeferLoc).run(Code, Out);
}

void redirectUses(Stmt *&S, AstBuilder &B,
                  const llvm::DenseMap<VarDecl *, VarDecl *> &Through,
                  const llvm::DenseSet<const Stmt *> &Skip) {
  Redirector R(B, Through, Skip);
  R.rewrite(S);
  for (auto &[Var, Pointer] : Through)
    R.restoreInOwnInitializer(Var);
}

/// for (...; ...; (i = *__cdefer_i, __cdefer_i = &i, inc)), an array
/// copied with memcpy
static Expr *startNextInstance(AstBuilder &B, VarDecl *Var, VarDecl *Current,
                               Expr *Then) {
  B.Loc = Var->getLocation();
  Expr *Copy = B.copy(B.ref(Var), B.deref(B.load(B.ref(Current))));
  Expr *Repoint = B.assign(B.ref(Current), B.addressOf(B.ref(Var)));
  Expr *Fresh = B.comma(Copy, Repoint);
  return Then ? B.comma(Fresh, Then) : Fresh;
}

void freshInstancePerIteration(
    Stmt *S, AstBuilder &B,
    const llvm::DenseMap<VarDecl *, VarDecl *> &CurrentOf) {
  if (!S)
    return;
  if (auto *For = dyn_cast<ForStmt>(S))
    if (auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit()))
      for (Decl *Dl : Init->decls())
        if (auto *Var = dyn_cast<VarDecl>(Dl))
          if (VarDecl *Current = CurrentOf.lookup(Var);
              Current && !Var->getType().isConstQualified())
            For->setInc(startNextInstance(B, Var, Current, For->getInc()));
  for (Stmt *Child : S->children())
    freshInstancePerIteration(Child, B, CurrentOf);
}

bool declareAfter(Stmt *Body, VarDecl *Var, VarDecl *Current,
                  ASTContext &Ctx) {
  DeclStmt *DS = declaringStmt(Body, Var);
  if (!DS)
    return false;
  std::vector<Decl *> Decls;
  for (Decl *Dl : DS->decls()) {
    Decls.push_back(Dl);
    if (Dl == Var)
      Decls.push_back(Current);
  }
  DS->setDeclGroup(DeclGroupRef(DeclGroup::Create(Ctx, Decls.data(),
                                                  Decls.size())));
  return true;
}

} // namespace cdefer
