//===- HeaderDirectory.cpp - where cdefer-migrate finds <cdefer.h> ---------===//
#include "HeaderDirectory.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace cdefer::migrate {

std::string headerDirectory(const char *Argv0) {
#ifdef CDEFER_INCLUDE
  (void)Argv0;
  return CDEFER_INCLUDE;
#else
  static int Anchor;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  llvm::SmallString<256> Dir(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(Dir, CDEFER_INCLUDEDIR);
  return Dir.str().str();
#endif
}

} // namespace cdefer::migrate
