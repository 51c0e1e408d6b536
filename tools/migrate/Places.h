//===- Places.h - where in a function body the edits go -------------------===//
#ifndef CDEFER_MIGRATE_PLACES_H
#define CDEFER_MIGRATE_PLACES_H

namespace clang {
class CompoundStmt;
class LangOptions;
class SourceManager;
} // namespace clang

namespace cdefer::migrate {

/// The file offset where the top-level statement before \p Index of
/// \p Body ends (after its last token), or just after the body's `{`.
unsigned endOfStatementBefore(const clang::CompoundStmt &Body, unsigned Index,
                              const clang::SourceManager &SM,
                              const clang::LangOptions &LangOpts);

/// \p Index of \p Body, moved past the declarations that stand there, up
/// to \p Limit: a defer goes after them, since under C90 rules
/// (-Wdeclaration-after-statement) one among them is a statement before a
/// declaration.
unsigned pastDeclarations(const clang::CompoundStmt &Body, unsigned Index,
                          unsigned Limit);

} // namespace cdefer::migrate

#endif
