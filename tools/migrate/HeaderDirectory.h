//===- HeaderDirectory.h - where cdefer-migrate finds <cdefer.h> -----------===//
#ifndef CDEFER_MIGRATE_HEADERDIRECTORY_H
#define CDEFER_MIGRATE_HEADERDIRECTORY_H

#include <string>

namespace cdefer::migrate {

/// The directory of <cdefer.h>: <prefix>/include for an installed
/// cdefer-migrate (found from its own path, \p Argv0), the source tree's
/// for the one in the build tree (HeaderDirectory.cpp is built twice).
std::string headerDirectory(const char *Argv0);

} // namespace cdefer::migrate

#endif
