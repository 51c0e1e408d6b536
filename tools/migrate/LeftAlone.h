//===- LeftAlone.h - functions neither migrator touches -------------------===//
#ifndef CDEFER_MIGRATE_LEFTALONE_H
#define CDEFER_MIGRATE_LEFTALONE_H

#include <string>

namespace clang {
class ASTContext;
class CompoundStmt;
} // namespace clang

namespace cdefer::migrate {

class Conditionals;

/// Why a function whose body is \p Body is left alone by both migrators,
/// whatever its cleanup looks like, or "":
/// - a preprocessor conditional stands in it (Conditionals.h);
/// - it calls a function that returns twice (setjmp, sigsetjmp, vfork):
///   after a longjmp back, the function leaves through the code that
///   follows the setjmp, with every defer registered since still to run,
///   where the hand-written cleanup ran only what that path releases.
std::string whyLeftAlone(const clang::ASTContext &Ctx,
                         const clang::CompoundStmt &Body,
                         const Conditionals &Conds);

} // namespace cdefer::migrate

#endif
