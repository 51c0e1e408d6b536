//===- IncludePlace.h - where cdefer-migrate puts #include <cdefer.h> -----===//
#ifndef CDEFER_MIGRATE_INCLUDEPLACE_H
#define CDEFER_MIGRATE_INCLUDEPLACE_H

#include "llvm/ADT/StringRef.h"

namespace cdefer::migrate {

/// The offset in \p Text where `#include <cdefer.h>` goes: after the
/// preprocessor lines that open the file (a feature macro such as
/// _GNU_SOURCE, config.h in its #ifdef, the file's own includes), at the
/// end of the last of them outside a conditional and outside a comment;
/// after the opening comments where there are none. That is where a
/// reviewer looks for it, and after a config.h that may define
/// CDEFER_NO_SHORT_NAMES.
unsigned includePlace(llvm::StringRef Text);

} // namespace cdefer::migrate

#endif
