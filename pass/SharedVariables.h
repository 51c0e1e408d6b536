//===- SharedVariables.h - inner-block variables that deferred code uses --===//
//
// Go's deferred closures share the variables they name; C ends an inner
// block's variables with the block. cdefer keeps such a variable alive for
// the deferred code (SharedVariables.cpp): each use of the variable goes
// through a pointer to its current instance, which a defer moves into
// storage of its own that lives until the deferred code has run. The same
// goes for a variable of the outermost block whose declaration a goto can
// run again (Strategy::RedeclaredVariables): Go makes a new one each time.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_SHAREDVARIABLES_H
#define CDEFER_PASS_SHAREDVARIABLES_H

#include "AstBuilder.h"
#include "VariablyModified.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <vector>

namespace clang {
class DiagnosticsEngine;
class SourceManager;
} // namespace clang

namespace cdefer {

/// A variable named by deferred code, of a block that ends before the
/// function returns.
struct InnerUse {
  clang::VarDecl *Var;
  clang::SourceLocation Loc; // its first use in the deferred code
};

/// Calls \p Each for every variable \p S declares, at any depth (block
/// literals' bodies included), in source order.
void forEachDeclaredVariable(clang::Stmt *S,
                             llvm::function_ref<void(clang::VarDecl *)> Each);

/// Calls \p Each for every variable \p S names (its DeclRefExprs, at any
/// depth; not inside the types it spells).
void forEachNamedVariable(clang::Stmt *S,
                          llvm::function_ref<void(clang::VarDecl *)> Each);

/// The inner-block variables \p Code (a deferred statement) names in any
/// way: expressions, block literals, sizeof and typeof. \p Outer are the
/// variables that live until the function returns, \p OuterTypedefs the
/// typedefs declared where they do. Reports, at \p DeferLoc, the uses it
/// cannot share (variable-length arrays and other variably modified types
/// and typedefs, __block variables) and returns false then.
bool findInnerUses(clang::Stmt *Code,
                   const llvm::DenseSet<const clang::VarDecl *> &Outer,
                   const llvm::DenseSet<const clang::TypedefNameDecl *> &OuterTypedefs,
                   clang::DiagnosticsEngine &D, const clang::SourceManager &SM,
                   clang::SourceLocation DeferLoc,
                   std::vector<InnerUse> &Out);

/// Points every use of a variable of \p To, in \p S and below (block
/// literals' captures included), at the variable it maps to.
void renameUses(clang::Stmt *S,
                const llvm::DenseMap<const clang::VarDecl *, clang::VarDecl *> &To);

/// Replaces every use of a variable of \p Through, in \p S and below, by
/// `*P` with P = Through[variable], a pointer; block literals capture P
/// instead. \p Skip are subtrees left as they are.
void redirectUses(clang::Stmt *&S, AstBuilder &B,
                  const llvm::DenseMap<clang::VarDecl *, clang::VarDecl *> &Through,
                  const llvm::DenseSet<const clang::Stmt *> &Skip);

/// `for (int i = 0; i < n; i++)` declares one i for the whole loop in C;
/// deferred code sees one per iteration, as in Go (since 1.22): before the
/// increment, the next iteration's i starts as a copy of this one's, so the
/// increment does not change what this iteration's defers keep. Applies to
/// the loops in \p S whose variable is in \p CurrentOf.
void freshInstancePerIteration(
    clang::Stmt *S, AstBuilder &B,
    const llvm::DenseMap<clang::VarDecl *, clang::VarDecl *> &CurrentOf);

/// Declares \p Current, `T *Current = &Var;`, right after \p Var in the
/// declaration statement of \p Body that declares it. Returns false if
/// there is none.
bool declareAfter(clang::Stmt *Body, clang::VarDecl *Var,
                  clang::VarDecl *Current, clang::ASTContext &Ctx);

} // namespace cdefer

#endif
