//===- ReturnValues.h - returned values a migration may evaluate early ----===//
#ifndef CDEFER_MIGRATE_RETURNVALUES_H
#define CDEFER_MIGRATE_RETURNVALUES_H

#include <string>

namespace clang {
class Expr;
class Stmt;
} // namespace clang

namespace cdefer::migrate {

/// A migrated `return v;` evaluates v before the cleanup that used to run
/// first. Empty when nothing the cleanup does can change v: v reads only
/// local variables (by value), constants and addresses, with no call, no
/// assignment and no memory read through a pointer. Else why not.
std::string whyValueMayDependOnCleanup(const clang::Expr *Value);

/// Empty when every name \p Value uses means the same declaration wherever
/// in \p Body a `return` with a copy of it may stand; else which name is
/// declared again there.
std::string whyNameIsShadowed(const clang::Expr *Value, const clang::Stmt *Body);

} // namespace cdefer::migrate

#endif
