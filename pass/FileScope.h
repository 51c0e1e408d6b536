//===- FileScope.h - finding <cdefer.h>'s declarations by name ------------===//
//
// The lowering calls the runtime's functions and uses its types by name, as
// <cdefer.h> declares them. Where that header came from a precompiled header
// (or an AST file), C's translation unit has no lookup table of its own for
// the names in it: clang's parser finds them through the identifier chains
// that Sema fills from the AST reader. So does this.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_FILESCOPE_H
#define CDEFER_PASS_FILESCOPE_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class Sema;
} // namespace clang

namespace cdefer {

/// The first file-scope declaration named \p Name that \p Accept takes, or
/// null: parsed in this file or read from a precompiled header.
clang::NamedDecl *
findFileScope(clang::Sema &S, llvm::StringRef Name,
              llvm::function_ref<bool(const clang::NamedDecl &)> Accept);

/// The function \p Name as the file declares it (<cdefer.h>), or null.
clang::FunctionDecl *findFileScopeFunction(clang::Sema &S,
                                           llvm::StringRef Name);

} // namespace cdefer

#endif
