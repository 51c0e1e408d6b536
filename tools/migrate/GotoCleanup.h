//===- GotoCleanup.h - one function's goto cleanup, as defer --------------===//
#ifndef CDEFER_MIGRATE_GOTOCLEANUP_H
#define CDEFER_MIGRATE_GOTOCLEANUP_H

#include "Conditionals.h"
#include "Edits.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace cdefer::migrate {

/// What happens to one function: the edits that turn its cleanup label
/// into a defer, or, with none, why it is left alone.
struct Migration {
  std::vector<Edit> Edits;
  std::string Report; // one line, for the user
};

/// Plans the migration of \p FD (GotoCleanup.cpp says when one keeps the
/// function's behaviour). Returns false for functions with no goto
/// cleanup at all, which are not reported.
bool planMigration(clang::ASTContext &Ctx, const clang::FunctionDecl &FD,
                   const Conditionals &Conds, Migration &Out);

} // namespace cdefer::migrate

#endif
