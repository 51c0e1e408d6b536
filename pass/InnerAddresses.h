//===- InnerAddresses.h - arguments that hold an inner variable's address -===//
//
// Go's `defer f(&v)` keeps v alive for f. cdefer runs deferred code at the
// function's exit, where a variable of an inner block is gone; Lower.cpp
// keeps such a variable (SharedVariables.cpp) when an argument evaluated at
// the defer may hold its address. This finds them: an argument that is such
// an address, to be evaluated again at exit (pointsInto), and one that may
// carry it some other way, to be taken at the defer once the variable has
// moved (carriedBy).
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_INNERADDRESSES_H
#define CDEFER_PASS_INNERADDRESSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseSet.h"

#include <vector>

namespace cdefer {

/// An argument that points into an inner-block variable, or into a
/// compound literal.
struct InnerAddress {
  clang::DeclRefExpr *Variable = nullptr;
  clang::CompoundLiteralExpr *Literal = nullptr;
  // Where it has indices that are not constants, which Go evaluates at the
  // defer: the caller captures them then.
  std::vector<clang::Stmt **> Offsets;
};

class InnerAddresses {
public:
  /// \p Outer: the variables of the function's outermost block, which live
  /// until the exit sequence (parameters do too).
  InnerAddresses(clang::ASTContext &Context,
                 const llvm::DenseSet<const clang::VarDecl *> &Outer)
      : Context(Context), Outer(Outer) {}

  /// Whether \p E, a pointer, points into a variable of an inner block:
  /// its address or an array decayed (`&v`, `buf`, `&buf`), a member or
  /// element in it (`&v.a.b`, `v.buf`, `&buf[k]`, and through `*` and `->`
  /// of such a pointer: `*grid`, `(&v)->a`), or such a pointer plus or
  /// minus an integer (`buf + k`), through parentheses and casts between
  /// pointers. A compound literal in place of the variable (`&(T){...}`,
  /// `(int[]){...}`) is found too.
  bool pointsInto(clang::Expr *E, InnerAddress &Out) const;

  /// Adds to \p Out the inner-block variables whose address the value of
  /// \p E may hold: besides an argument that is such an address
  /// (pointsInto), one that carries it through `?:`, a cast (to an integer
  /// too), arithmetic, a struct, union or compound literal (a transparent
  /// union's initializer is one), or a call that returns a pointer or an
  /// aggregate (`strchr(line, ':')`). A value loaded from memory
  /// (`p->next`, `*pp`) and a call's integer result (`strlen(line)`) hold
  /// none.
  void carriedBy(clang::Expr *E, std::vector<clang::Stmt *> &Out) const;

private:
  bool isInside(clang::Expr *E, InnerAddress &Out) const;
  bool addOffset(clang::Expr *Parent, clang::Expr *Offset,
                 InnerAddress &Out) const;

  clang::ASTContext &Context;
  const llvm::DenseSet<const clang::VarDecl *> &Outer;
};

} // namespace cdefer

#endif
