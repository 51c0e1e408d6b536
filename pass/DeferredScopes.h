//===- DeferredScopes.h - debug scopes for the code that runs at exit -----===//
#ifndef CDEFER_PASS_DEFERREDSCOPES_H
#define CDEFER_PASS_DEFERREDSCOPES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace llvm {
class BasicBlock;
class Function;
} // namespace llvm

namespace cdefer {

/// Puts the code of \p Blocks (an exit sequence of \p F, or one of its
/// unwinding copies) in a debug scope of its own, marked by an artificial
/// variable \p Marker whose value is \p Value (DeferredScopes.cpp).
void giveOwnDebugScope(llvm::Function &F, llvm::ArrayRef<llvm::BasicBlock *> Blocks,
                       llvm::StringRef Marker, unsigned Value);

} // namespace cdefer

#endif
