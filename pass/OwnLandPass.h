//===- OwnLandPass.h - drop landing notes a frame does not need -----------===//
#ifndef CDEFER_PASS_OWNLANDPASS_H
#define CDEFER_PASS_OWNLANDPASS_H

#include "llvm/IR/PassManager.h"

namespace llvm {
class Function;
} // namespace llvm

namespace cdefer {

/// Gives \p F the number \p N, unique in its module, that the landing notes
/// of its unwinding code carry (__cdefer_v1_unwind_land_inlined). It is
/// kept in a function attribute, which inlining does not carry over.
void setFrameNumber(llvm::Function &F, unsigned N);

/// After inlining: removes each landing note that is still in the function
/// whose number it carries (OwnLandPass.cpp).
struct OwnLandPass : llvm::PassInfoMixin<OwnLandPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace cdefer

#endif
