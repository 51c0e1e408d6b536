//===- UnwindPass.h - run a frame's defers when a panic unwinds it --------===//
#ifndef CDEFER_PASS_UNWINDPASS_H
#define CDEFER_PASS_UNWINDPASS_H

#include "llvm/IR/PassManager.h"

namespace cdefer {

/// Names shared by the AST lowering (which calls these markers) and the IR
/// pass (which replaces them). Must match runtime/src/unwind.c for the
/// runtime's entry points.
inline constexpr const char *ExitMarker = "__cdefer_exit_mark";
inline constexpr const char *CallSiteMarker = "__cdefer_site_call";
inline constexpr const char *BlockSiteMarker = "__cdefer_site_block";

/// See UnwindPass.cpp.
struct UnwindPass : llvm::PassInfoMixin<UnwindPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace cdefer

#endif
