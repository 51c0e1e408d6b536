//===- OpenMPLoops.h - what OpenMP directives keep outside their children -===//
//
// An OpenMP loop transformation (tile, reverse, interchange, stripe,
// unroll, fuse) is compiled as the loops it made, which are not among its
// children and share the original loop's statements; and every directive's
// clauses and loop helpers name variables where they were declared. The
// lowering must see both: Collect.cpp and Lower.cpp ask here.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_OPENMPLOOPS_H
#define CDEFER_PASS_OPENMPLOOPS_H

#include "clang/AST/Decl.h"
#include "clang/AST/StmtOpenMP.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace cdefer {

/// The loops a loop transformation made, and the statements that set them
/// up; both null for any other statement, or one CodeGen compiles itself.
struct GeneratedLoops {
  clang::Stmt *Loops = nullptr;
  clang::Stmt *PreInits = nullptr;
};
GeneratedLoops generatedLoops(const clang::Stmt *S);

/// Each variable \p Directive's own helpers name: in its clauses, and for
/// a loop directive, in the headers of its loops (the bounds it computes
/// first). Code that runs in place (a body, `critical`) is not theirs.
void forEachHelperVariable(
    const clang::OMPExecutableDirective &Directive,
    llvm::function_ref<void(const clang::VarDecl &)> Each);

} // namespace cdefer

#endif
