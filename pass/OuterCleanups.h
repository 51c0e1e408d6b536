//===- OuterCleanups.h - cleanups of the outermost block ------------------===//
//
// A __attribute__((cleanup(f))) variable of the function's outermost block
// would have f run twice or on garbage once the function has defers: the
// jump of a `return` before its declaration to the exit enters its scope,
// and while unwinding with -fexceptions both its landing pad and the exit
// sequence's unwinding copy run f. A C2y `_Defer S;` there likewise ran S
// on a `return` before it, which never reached it. The exit sequence runs
// them itself instead, after the deferred statements, last first, once,
// for each whose declaration or `_Defer` ran:
//
//   T c = init;  __cdefer_live_c = 1;  ...  exit: ...; if (__cdefer_live_c) f(&c);
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_OUTERCLEANUPS_H
#define CDEFER_PASS_OUTERCLEANUPS_H

#include "AstBuilder.h"
#include <string>
#include <vector>

namespace cdefer {

class OuterCleanups {
public:
  /// Takes the cleanups of \p Body's variables and its `_Defer`s over:
  /// drops the attributes, declares their flags in \p Prologue, and returns
  /// the body with each flag set after its declaration, or in place of the
  /// `_Defer`.
  clang::CompoundStmt *takeOver(AstBuilder &B, clang::CompoundStmt *Body,
                                std::vector<clang::Stmt *> &Prologue);

  /// Appends to the exit sequence the cleanups taken over.
  void run(AstBuilder &B, std::vector<clang::Stmt *> &Exiting) const;

private:
  /// A `_Defer`'s statement, or a variable and its cleanup function.
  struct Taken {
    clang::Stmt *Deferred;
    clang::VarDecl *Var;
    clang::FunctionDecl *Function;
    clang::VarDecl *Live; // set once the declaration or `_Defer` has run
  };

  /// Records one, declares its flag in \p Prologue, and returns what sets
  /// the flag.
  clang::Stmt *takeOver(AstBuilder &B, clang::Stmt *Deferred,
                        clang::VarDecl *Var, clang::FunctionDecl *Function,
                        const std::string &Flag,
                        std::vector<clang::Stmt *> &Prologue);

  std::vector<Taken> Cleanups;
};

} // namespace cdefer

#endif
