//===- UnwindPass.h - run a frame's defers when a panic unwinds it --------===//
#ifndef CDEFER_PASS_UNWINDPASS_H
#define CDEFER_PASS_UNWINDPASS_H

#include "llvm/IR/PassManager.h"
#include <string>

namespace cdefer {

/// Names shared by the AST lowering (which calls these markers) and the IR
/// pass (which replaces them). In the object file each marker is called by
/// its symbol (markerSymbol), which says what is wrong if a link ever sees
/// it: the IR pass did not run.
inline constexpr const char *ExitMarker = "__cdefer_exit_mark";
inline constexpr const char *CallSiteMarker = "__cdefer_site_call";
inline constexpr const char *BlockSiteMarker = "__cdefer_site_block";
/// void *__cdefer_alloca(size_t bytes, size_t align): stack memory that
/// lasts until the function returns (OuterVlas.cpp).
inline constexpr const char *AllocaMarker = "__cdefer_alloca";

/// The symbol of marker \p Name: "<Name>: <how to fix the build>".
std::string markerSymbol(llvm::StringRef Name);

/// The runtime's recover (runtime/src/panic.c): the public one, which the
/// plugin lowers, and the token-taking ones it lowers to.
namespace recovery {
inline constexpr const char *Public = "cdefer_recover";
inline constexpr const char *WithToken = "__cdefer_recover";
inline constexpr const char *EntryToken = "__cdefer_recover_token";
} // namespace recovery

/// What the IR pass turns the site markers into in the unwinding copies.
namespace unwindhook {
inline constexpr const char *Call = "__cdefer_unwind_call";
inline constexpr const char *Block = "__cdefer_unwind_block";
inline constexpr const char *Recovered = "__cdefer_unwind_recovered";
} // namespace unwindhook

/// The record helpers of runtime/include/cdefer.h that the lowering calls.
/// They only move pointers (the chunk allocator behind them aborts rather
/// than unwinds), so the IR pass gives calls to them no landing pad.
namespace helper {
inline constexpr const char *FrameStart = "cdefer_frame_start";
inline constexpr const char *DeferProc = "cdefer_deferproc";
inline constexpr const char *DeferProcSite = "cdefer_deferproc_site";
inline constexpr const char *DeferPending = "cdefer_deferpending";
inline constexpr const char *DeferredSite = "cdefer_deferred_site";
inline constexpr const char *DeferPop = "cdefer_deferpop";
inline constexpr const char *DeferReturn = "cdefer_deferreturn";
inline constexpr const char *All[] = {FrameStart,   DeferProc,
                                      DeferProcSite, DeferPending,
                                      DeferredSite, DeferPop,
                                      DeferReturn};
} // namespace helper

/// See UnwindPass.cpp.
struct UnwindPass : llvm::PassInfoMixin<UnwindPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace cdefer

#endif
