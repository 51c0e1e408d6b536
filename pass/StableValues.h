//===- StableValues.h - defer arguments that need no capture ---------------===//
//
// Go evaluates a deferred call's arguments at the defer. cdefer copies each
// into a slot then (Lower.cpp), which costs a store and, with records, room
// in every record. An argument whose value at the function's exit is
// certainly the one it had at the defer needs no copy: the exit sequence can
// evaluate it again. Those are (besides constants):
//   - a read of a parameter, or of a variable of the function's outermost
//     block, that nothing in the function can change: every use of it is a
//     plain read (no assignment, ++, &, asm output, cleanup, __block), it is
//     not volatile, not the `defer_result` variable (the lowering assigns
//     it), and, for a local, no goto can run its initializer again;
//   - the address of such a variable, or of a member of it, changed or not:
//     its storage lasts until the function returns; and such an address
//     plus an offset that is itself a constant or such a read (`buf + 3`,
//     `&buf[n]`).
// Conversions of those, implicit or written, count as the value itself.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_STABLEVALUES_H
#define CDEFER_PASS_STABLEVALUES_H

#include "llvm/ADT/DenseSet.h"

namespace clang {
class Expr;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace cdefer {

class StableValues {
public:
  /// \p Outer: the variables of \p F's outermost block; \p Result: its
  /// `defer_result` variable, or null.
  StableValues(const clang::FunctionDecl &F,
               const llvm::DenseSet<const clang::VarDecl *> &Outer,
               const clang::VarDecl *Result);

  /// Whether \p Arg, evaluated at the function's exit, gives the value it
  /// gives at the defer.
  bool sameAtExit(const clang::Expr *Arg) const;

private:
  bool livesUntilExit(const clang::VarDecl *V) const;
  bool isUnchanged(const clang::VarDecl *V) const;
  bool isStableAddress(const clang::Expr *Lvalue) const;
  bool isSameOffset(const clang::Expr *Offset) const;

  const clang::FunctionDecl &F;
  const llvm::DenseSet<const clang::VarDecl *> &Outer;
  const clang::VarDecl *Result;
  bool HasGoto = false;
  bool Trusted = true; // no variably modified type in the function
  llvm::DenseSet<const clang::VarDecl *> Changed; // or may be
};

} // namespace cdefer

#endif
