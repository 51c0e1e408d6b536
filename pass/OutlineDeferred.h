//===- OutlineDeferred.h - deferred blocks with defers of their own -------===//
#ifndef CDEFER_PASS_OUTLINEDEFERRED_H
#define CDEFER_PASS_OUTLINEDEFERRED_H

#include "Defers.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace clang {
class Sema;
class VarDecl;
} // namespace clang

namespace cdefer {

/// The names outlineDeferredBlocks gives: to its functions, and to each
/// parameter that stands for a variable of the enclosing function (a
/// pointer to it), the variable's name after this prefix.
inline constexpr llvm::StringLiteral OutlinedPrefix = "__cdefer_deferred_";
inline constexpr llvm::StringLiteral CapturedPrefix = "__cdefer_";

/// Go's `defer func() { defer g(); ... }()` runs g when the deferred
/// function ends. Each deferred block of \p F that has defers of its own
/// becomes a function of its own, called where the block ran
/// (OutlineDeferred.cpp); its defers are then lowered with it, as any
/// function's. Returns false after reporting what cannot be moved, with
/// nothing changed; else \p Made gets the new functions, each still to be
/// lowered and emitted.
bool outlineDeferredBlocks(clang::Sema &S, FunctionDefers &F,
                           std::vector<clang::FunctionDecl *> &Made);

/// For a function outlineDeferredBlocks made: its parameter with the
/// recover() token of the deferred block it stands for. Null for others.
clang::VarDecl *outlinedBlockToken(const clang::FunctionDecl *FD);

} // namespace cdefer

#endif
