//===- Attributes.cpp - how `defer` and `defer_result` reach the AST ------===//
//
// <cdefer.h> spells `defer` as `__attribute__((cdefer))` and `defer_result`
// as `__attribute__((cdefer_result))`. Plugin attributes are registered
// statically, so they exist in every mode clang runs the plugin in, `-E`
// included, and `__has_attribute(cdefer)` tells cdefer.h the plugin is loaded.
// Here they are only checked and recorded as annotations; Lower.cpp gives
// them their meaning.
//
//===----------------------------------------------------------------------===//
#include "Defers.h"
#include "Diagnostics.h"
#include "ParseHooks.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/ParsedAttrInfo.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace cdefer {

/// What a statement that `defer` cannot take is, in words for an error.
const char *describeStatement(const Stmt *St) {
  switch (St->getStmtClass()) {
  case Stmt::NullStmtClass:
    return "an empty statement";
  case Stmt::ReturnStmtClass:
    return "a 'return' statement";
  case Stmt::IfStmtClass:
    return "an 'if' statement";
  case Stmt::ForStmtClass:
    return "a 'for' statement";
  case Stmt::WhileStmtClass:
    return "a 'while' statement";
  case Stmt::DoStmtClass:
    return "a 'do' statement";
  case Stmt::SwitchStmtClass:
    return "a 'switch' statement";
  case Stmt::GotoStmtClass:
  case Stmt::IndirectGotoStmtClass:
    return "a 'goto' statement";
  case Stmt::BreakStmtClass:
    return "a 'break' statement";
  case Stmt::ContinueStmtClass:
    return "a 'continue' statement";
  case Stmt::LabelStmtClass:
  case Stmt::CaseStmtClass:
  case Stmt::DefaultStmtClass:
    return "a labeled statement";
  case Stmt::DeferStmtClass:
    return "a '_Defer' statement";
  default:
    return "this kind of statement";
  }
}

namespace {


SourceLocation attrLoc(Sema &S, const ParsedAttr &A) {
  return userLoc(S.getSourceManager(), A.getLoc());
}

/// What neither attribute can be in, checked where Sema parses it, so that
/// no function escapes the check: C++, wherever it stands (a namespace, an
/// `extern "C"` block, a member function, a lambda, a template), and an
/// Objective-C method.
bool rejectedHere(Sema &S, const ParsedAttr &A) {
  rememberSemaOfDefer(S); // every handler starts here
  DiagnosticsEngine &D = S.getDiagnostics();
  if (S.getLangOpts().CPlusPlus) {
    errDeferInCxx(D, attrLoc(S, A));
    return true;
  }
  // Objective-C's C functions are lowered; its methods are not functions.
  if (S.getLangOpts().ObjC && S.getCurMethodDecl()) {
    errDeferInObjCMethod(D, attrLoc(S, A));
    return true;
  }
  return false;
}

/// Code that runs as a function of its own, which the plugin never lowers:
/// a block literal, at file scope or nested as deep as they go, or an
/// OpenMP region that clang outlines (a captured statement). A defer there
/// ran in place.
bool inOwnFunction(Sema &S) {
  return S.getCurBlock() || S.getCurCapturedRegion();
}

bool rejectedDeferHere(Sema &S, const ParsedAttr &A) {
  if (rejectedHere(S, A))
    return true;
  if (!inOwnFunction(S))
    return false;
  if (S.getCurBlock())
    errDeferInBlockLiteral(S.getDiagnostics(), attrLoc(S, A));
  else
    errDeferInCapturedRegion(S.getDiagnostics(), attrLoc(S, A));
  return true;
}

struct DeferAttrInfo : ParsedAttrInfo {
  DeferAttrInfo() {
    static constexpr Spelling S[] = {{ParsedAttr::AS_GNU, "cdefer"}};
    Spellings = S;
    IsStmt = 1;
  }

  // In C, GNU attributes after a label belong to the label, so
  // `L: defer S;` reaches here with the label; Collect.cpp takes S from it.
  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &A,
                            const Decl *D) const override {
    if (rejectedDeferHere(S, A))
      return false;
    if (const auto *Label = dyn_cast<LabelDecl>(D))
      return appertainsToLabel(S, A, *Label);
    // A local variable's declaration can go before the defer; anything
    // else (a file-scope declaration, a field, a typedef, a parameter) is
    // no statement at all.
    const auto *VD = dyn_cast<VarDecl>(D);
    if (VD && VD->isLocalVarDecl())
      errDeferOfDeclaration(S.getDiagnostics(), attrLoc(S, A));
    else
      errDeferNotOnStatement(S.getDiagnostics(), attrLoc(S, A));
    return false;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D,
                                   const ParsedAttr &A) const override {
    D->addAttr(AnnotateAttr::Create(S.Context, DeferAnnotation, nullptr, 0,
                                    A.getRange()));
    return AttributeApplied;
  }

  /// `L: defer S;` once. The attributes of `defer L: defer S;` both come
  /// to the label, which ran S deferred once. (`defer L: S;` is told by
  /// where the label is written, which Collect.cpp knows.)
  static bool appertainsToLabel(Sema &S, const ParsedAttr &A,
                                const LabelDecl &Label) {
    SourceLocation At = attrLoc(S, A);
    if (Label.hasAttrs() &&
        llvm::any_of(Label.getAttrs(), [](const Attr *Other) {
          return hasAnnotation(Other, DeferAnnotation);
        })) {
      errDeferOperand(S.getDiagnostics(), At, "another 'defer'");
      return false;
    }
    return true;
  }

  bool diagAppertainsToStmt(Sema &S, const ParsedAttr &A,
                            const Stmt *St) const override {
    if (rejectedDeferHere(S, A))
      return false;
    if (isa<Expr>(St) || isa<CompoundStmt>(St))
      return true;
    if (isa<DeclStmt>(St))
      errDeferOfDeclaration(S.getDiagnostics(), attrLoc(S, A));
    else
      errDeferOperand(S.getDiagnostics(), attrLoc(S, A), describeStatement(St));
    return false;
  }

  AttrHandling handleStmtAttribute(Sema &S, Stmt *St, const ParsedAttr &A,
                                   Attr *&Result) const override {
    Result = AnnotateAttr::Create(S.Context, DeferAnnotation, nullptr, 0,
                                  A.getRange());
    return AttributeApplied;
  }
};

struct ResultAttrInfo : ParsedAttrInfo {
  ResultAttrInfo() {
    static constexpr Spelling S[] = {{ParsedAttr::AS_GNU, "cdefer_result"}};
    Spellings = S;
    IsStmt = 1;
  }

  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &A,
                            const Decl *D) const override {
    if (rejectedHere(S, A))
      return false;
    const auto *VD = dyn_cast<VarDecl>(D);
    if (VD && !isa<ParmVarDecl>(VD) && VD->hasLocalStorage() &&
        !inOwnFunction(S))
      return true;
    if (isa<LabelDecl>(D)) // C23's `L: defer_result int r;`
      errResultOnLabel(S.getDiagnostics(), attrLoc(S, A));
    else
      errResultNotLocal(S.getDiagnostics(), attrLoc(S, A));
    return false;
  }

  bool diagAppertainsToStmt(Sema &S, const ParsedAttr &A,
                            const Stmt *St) const override {
    errResultNotLocal(S.getDiagnostics(), attrLoc(S, A));
    return false;
  }

  // The function returns the named result: it is used even when nothing
  // in the source reads it, or only deferred code does, which Sema cannot
  // know (-Wunused-variable, -Wunused-but-set-variable). It starts at zero,
  // as Go's named result does: an initializer, parsed after the attribute,
  // replaces the zero; without one, Sema's uninitialized-use warnings, the
  // analyzer and a function without defers (never lowered) see it too.
  AttrHandling handleDeclAttribute(Sema &S, Decl *D,
                                   const ParsedAttr &A) const override {
    D->addAttr(AnnotateAttr::Create(S.Context, ResultAnnotation, nullptr, 0,
                                    A.getRange()));
    D->addAttr(UnusedAttr::CreateImplicit(S.Context));
    auto *VD = cast<VarDecl>(D);
    if (!VD->hasInit())
      VD->setInit(new (S.Context) ImplicitValueInitExpr(VD->getType()));
    return AttributeApplied;
  }
};

} // namespace
} // namespace cdefer

static clang::ParsedAttrInfoRegistry::Add<cdefer::DeferAttrInfo>
    DeferAttr("cdefer", "Go-style defer: run a statement at function exit");
static clang::ParsedAttrInfoRegistry::Add<cdefer::ResultAttrInfo>
    ResultAttr("cdefer_result", "the result a deferred statement may change");
