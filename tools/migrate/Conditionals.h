//===- Conditionals.h - the preprocessor conditionals of a file -----------===//
#ifndef CDEFER_MIGRATE_CONDITIONALS_H
#define CDEFER_MIGRATE_CONDITIONALS_H

#include "clang/Basic/SourceLocation.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class PPCallbacks;
class SourceManager;
} // namespace clang

namespace cdefer::migrate {

/// Where the main file has `#if`, `#ifdef`, `#ifndef`, `#elif`, `#else`
/// and `#endif`. The migrators prove a function unchanged from the code
/// one configuration compiles; inside a conditional there is code that
/// another configuration compiles and the proof never saw (a `return`
/// that would now run the cleanup, say), and an edit there would vanish
/// from other configurations. Also where it has `#define` and `#undef`:
/// in a body, code the edits move across one (the cleanup to the defer,
/// the returned value to each goto) would expand a macro differently.
class Conditionals {
public:
  /// Records the directives as the preprocessor reads them; the recorder
  /// must not outlive this.
  std::unique_ptr<clang::PPCallbacks> recorder(const clang::SourceManager &SM);

  /// Why a function whose body is \p Body is left alone, or "" if no
  /// directive stands in it.
  std::string whyNotIn(const clang::SourceManager &SM,
                       clang::SourceRange Body) const;

private:
  std::vector<clang::SourceLocation> Directives, MacroChanges;
};

} // namespace cdefer::migrate

#endif
