//===- LintPragmas.h - #pragma clang diagnostic for -Wcdefer-<name> ------===//
//
// clang's pragma handler knows only clang's own warning groups: for
// `#pragma clang diagnostic ignored "-Wcdefer-reassigned-argument"` it warns
// "unknown warning group" and does nothing. This reads such pragmas (and
// push, pop, GCC's spelling and _Pragma's) as the preprocessor meets them,
// silences clang's warning for them, and says what they set wherever a lint
// reports.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_LINTPRAGMAS_H
#define CDEFER_PASS_LINTPRAGMAS_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <vector>

namespace clang {
class Preprocessor;
class SourceManager;
} // namespace clang

namespace cdefer {

class LintPragmas {
public:
  /// What the pragmas in effect at a point say of a lint.
  enum class State { CommandLine, Ignored, Warning, Error };

  /// A `#pragma` directive whose `#` is at \p Hash, or with \p Operator a
  /// `_Pragma("...")` there, before clang's handler reads it.
  void seePragma(clang::Preprocessor &PP, clang::SourceLocation Hash,
                 bool Operator = false);
  /// Any token: the first after a pragma of ours gives clang's
  /// unknown-group warning its former level back.
  void seeToken(clang::Preprocessor &PP, clang::SourceLocation At);

  /// The state of lint \p Lint at \p At (a file location).
  State at(const clang::SourceManager &SM, size_t Lint,
           clang::SourceLocation At) const;
  /// Whether some pragma turns \p Lint on, so that it must be looked for
  /// even where the command line turned it off.
  bool mayTurnOn(size_t Lint) const;

private:
  enum class Kind { Push, Pop, Set };
  struct Event {
    clang::SourceLocation Loc;
    Kind What;
    size_t Lint; // Lint::Count: every lint (-Wcdefer)
    State To;
  };
  std::vector<Event> Events;
  /// The level clang's unknown-group warning had before a pragma of ours
  /// silenced it, until the next token puts it back.
  int SilencedLevel = -1;

  static bool lintNamed(llvm::StringRef Group, size_t &Lint);
};

} // namespace cdefer

#endif
