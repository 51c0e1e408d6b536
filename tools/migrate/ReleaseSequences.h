//===- ReleaseSequences.h - releases repeated before returns, as defers ---===//
#ifndef CDEFER_MIGRATE_RELEASESEQUENCES_H
#define CDEFER_MIGRATE_RELEASESEQUENCES_H

#include "GotoCleanup.h"

namespace cdefer::migrate {

/// Plans the migration of a function without gotos whose returns each
/// release what has been acquired so far (ReleaseSequences.cpp). Returns
/// false for functions without that idiom, which are not reported.
bool planReleaseMigration(clang::ASTContext &Ctx, const clang::FunctionDecl &FD,
                          const Conditionals &Conds, Migration &Out);

} // namespace cdefer::migrate

#endif
