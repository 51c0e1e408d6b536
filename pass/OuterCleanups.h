//===- OuterCleanups.h - cleanup attributes of the outermost block --------===//
//
// A __attribute__((cleanup(f))) variable of the function's outermost block
// would have f run twice or on garbage once the function has defers: the
// jump of a `return` before its declaration to the exit enters its scope,
// and while unwinding with -fexceptions both its landing pad and the exit
// sequence's unwinding copy run f. The exit sequence runs f itself instead,
// after the deferred statements, last declared first, once, for each
// variable whose declaration ran:
//
//   T c = init;  __cdefer_live_c = 1;  ...  exit: ...; if (__cdefer_live_c) f(&c);
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_OUTERCLEANUPS_H
#define CDEFER_PASS_OUTERCLEANUPS_H

#include "AstBuilder.h"
#include <vector>

namespace cdefer {

class OuterCleanups {
public:
  /// Takes the cleanups of \p Body's variables over: drops their
  /// attributes, declares their flags in \p Prologue, and returns the body
  /// with each flag set after its declaration.
  clang::CompoundStmt *takeOver(AstBuilder &B, clang::CompoundStmt *Body,
                                std::vector<clang::Stmt *> &Prologue);

  /// Appends to the exit sequence the cleanups taken over.
  void run(AstBuilder &B, std::vector<clang::Stmt *> &Exiting) const;

private:
  struct Taken {
    clang::VarDecl *Var;
    clang::FunctionDecl *Function;
    clang::VarDecl *Live; // set once the declaration has run
  };
  std::vector<Taken> Cleanups;
};

} // namespace cdefer

#endif
