//===- UnreachableCodeWarnings.h - -Wunreachable-code with defers ---------===//
#ifndef CDEFER_PASS_UNREACHABLECODEWARNINGS_H
#define CDEFER_PASS_UNREACHABLECODEWARNINGS_H

#include "llvm/ADT/ArrayRef.h"

namespace clang {
class FunctionDecl;
class Sema;
} // namespace clang

namespace cdefer {

/// The warnings of clang's unreachable-code analysis: Sema runs it if one
/// of them is on (ParseHooks.cpp turns them off where Sema would misread).
llvm::ArrayRef<unsigned> unreachableCodeWarnings();

/// Runs clang's unreachable-code analysis on \p FD, a function with defers
/// whose body is as written (not lowered, its deferred blocks not outlined),
/// reading every deferred statement as code that may or may not run where
/// it stands, and reports what it finds with clang's own warnings, under
/// their -Wunreachable-code-* flags. Sema's run was switched off for it
/// (ParseHooks.h).
void warnUnreachableCode(clang::Sema &S, clang::FunctionDecl &FD);

} // namespace cdefer

#endif
