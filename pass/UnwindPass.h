//===- UnwindPass.h - run a frame's defers when a panic unwinds it --------===//
#ifndef CDEFER_PASS_UNWINDPASS_H
#define CDEFER_PASS_UNWINDPASS_H

#include "Abi.h"

#include "llvm/IR/PassManager.h"

namespace cdefer {

/// See UnwindPass.cpp.
struct UnwindPass : llvm::PassInfoMixin<UnwindPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// A module compiled for link-time optimization (-flto): its functions may
/// unwind (UnwindPass.cpp says why).
struct LinkMayUnwindPass : llvm::PassInfoMixin<LinkMayUnwindPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace cdefer

#endif
