//===- Lints.h - warnings about traps that only defer in C has ------------===//
#ifndef CDEFER_PASS_LINTS_H
#define CDEFER_PASS_LINTS_H

#include "Defers.h"
#include "llvm/ADT/StringRef.h"
#include <array>
#include <memory>
#include <string>

namespace clang {
class Sema;
}

namespace cdefer {

class LintPragmas;

/// Each lint, by the name of its flag: -Wcdefer-<name>.
enum class Lint {
  ReassignedArgument, // defer free(p); ... p = realloc(p, n);
  UncheckedResource,  // f = fopen(..); defer fclose(f); if (!f) ...
  DeferredRecover,    // defer recover();
  EndlessLoop,        // a defer in a loop that never ends
  Count
};

/// What -Wcdefer-... / -Wno-cdefer-... / -Werror=cdefer-... say. All lints
/// are on by default.
class LintSettings {
public:
  LintSettings() {
    On.fill(true);
    Error.fill(false);
    NotError.fill(false);
  }
  /// Applies one option, spelled as for clang without its dash
  /// ("Wno-cdefer-endless-loop"); false if it names no lint.
  bool apply(llvm::StringRef Option);
  bool enabled(Lint L) const { return On[size_t(L)]; }
  bool isError(Lint L) const { return Error[size_t(L)]; }
  /// -Wno-error=cdefer-<name>: a warning even under -Werror.
  bool isNeverError(Lint L) const { return NotError[size_t(L)]; }
  static llvm::StringRef name(Lint L);
  /// The known names, for the error that an unknown one gets.
  static std::string known();

  /// `#pragma clang diagnostic` for the lints, as the file met them
  /// (LintPragmas.h); null where nothing reads pragmas (clang-tidy).
  std::shared_ptr<LintPragmas> Pragmas;

private:
  std::array<bool, size_t(Lint::Count)> On, Error, NotError;
};

/// Reports the lints' findings in \p F's function, as written (before it is
/// lowered). \p Remarks: also the remark for defers in loops that end only
/// by leaving the function.
void lintDefers(clang::Sema &S, const FunctionDefers &F,
                const LintSettings &Settings, bool Remarks);

} // namespace cdefer

#endif
