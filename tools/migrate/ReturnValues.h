//===- ReturnValues.h - returned values a migration may evaluate early ----===//
#ifndef CDEFER_MIGRATE_RETURNVALUES_H
#define CDEFER_MIGRATE_RETURNVALUES_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include <string>

namespace clang {
class Expr;
class FunctionDecl;
class SourceManager;
class Stmt;
class VarDecl;
} // namespace clang

namespace cdefer::migrate {

/// A migrated `return v;` evaluates v before the cleanup that used to run
/// first. Empty when nothing the cleanup does can change v: v reads only
/// local variables (by value), constants and addresses, with no call, no
/// assignment and no memory read through a pointer; a local whose address
/// the function takes is the callers' other check (findEscapes). Else why
/// not.
std::string whyValueMayDependOnCleanup(const clang::Expr *Value);

/// Empty when every name \p Value uses means the same declaration wherever
/// in \p FD a `return` with a copy of it may stand; else which name is
/// declared again there.
std::string whyNameIsShadowed(const clang::Expr *Value,
                              const clang::FunctionDecl &FD);

/// The variable the lvalue \p E is or is part of (`x`, `x.f`, `x.a[i]`,
/// `(x)`), or null: memory through a pointer.
const clang::VarDecl *storageOf(const clang::Expr *E);

/// The locals and parameters whose address a function takes, each with
/// the first place it does: `&x`, `&x.f`, an array `x` or `x.a` used as a
/// pointer. A pointer stored there, or kept by a callee, lets any later
/// code (a cleanup, a release) change the variable without naming it.
using Escapes = llvm::DenseMap<const clang::VarDecl *, clang::SourceLocation>;
Escapes findEscapes(const clang::Stmt *Body);

/// Empty when \p Value reads no variable of \p Escaped; else which one it
/// reads, and where its address is taken.
std::string whyValueReadsEscaped(const clang::Expr *Value,
                                 const Escapes &Escaped,
                                 const clang::SourceManager &SM);

/// "'x', whose address is taken at line N": \p V must be in \p Escaped.
std::string describeEscape(const clang::VarDecl *V, const Escapes &Escaped,
                           const clang::SourceManager &SM);

} // namespace cdefer::migrate

#endif
