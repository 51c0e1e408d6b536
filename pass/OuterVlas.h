//===- OuterVlas.h - arrays of the outermost block after an early return --===//
//
// The lowering turns `return` into a jump to the exit sequence at the end of
// the function's outermost block. A variable-length array declared there
// after a `return` would have that jump enter its scope, which C forbids:
// its storage would be released at the closing brace with a stack pointer
// saved where the jump never went. Such an array gets storage that lives
// until the function returns instead (OuterVlas.cpp), as Go's would; other
// variably modified declarations in that place are an error.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_OUTERVLAS_H
#define CDEFER_PASS_OUTERVLAS_H

#include "AstBuilder.h"
#include <vector>

namespace clang {
class DiagnosticsEngine;
class SourceManager;
} // namespace clang

namespace cdefer {

/// Finds the variable-length arrays of \p Body (the outermost block) that a
/// `return` before them would jump over, into \p Out. Reports every other
/// variably modified declaration there and returns false then.
bool findOuterVlas(clang::CompoundStmt *Body, clang::DiagnosticsEngine &D,
                   const clang::SourceManager &SM,
                   std::vector<clang::VarDecl *> &Out);

/// Gives each array of \p Vlas storage from the function's frame that lasts
/// until it returns: its declaration becomes
///   __cdefer_v_length = n; __cdefer_v = __cdefer_alloca(bytes, align);
/// and every use of it, in \p Body and in \p Roots (expressions moved out of
/// the body), `*(T (*)[__cdefer_v_length])__cdefer_v`. Appends the hidden
/// variables' declarations to \p Prologue; returns the new body.
clang::CompoundStmt *moveOuterVlas(AstBuilder &B, clang::CompoundStmt *Body,
                                   const std::vector<clang::VarDecl *> &Vlas,
                                   std::vector<clang::Stmt *> &Prologue,
                                   const std::vector<clang::Stmt **> &Roots);

} // namespace cdefer

#endif
