//===- Abi.h - every name the plugin's output shares with its runtime -----===//
//
// The names, layout constant and version come from the runtime's own
// runtime/include/cdefer_abi.h, which cdefer.h and the runtime include too:
// one contract, not three copies of it. The markers are the plugin's own,
// shared by its AST lowering (which calls them) and its IR pass (which
// replaces them).
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_ABI_H
#define CDEFER_PASS_ABI_H

#include "cdefer_abi.h"

#include "llvm/ADT/StringRef.h"
#include <string>

namespace cdefer {

/// The ABI version this plugin generates code for, and the enumerator by
/// which <cdefer.h> says which it declares.
inline constexpr unsigned AbiVersion = CDEFER_ABI_VERSION;
inline constexpr const char *AbiVersionName = "__cdefer_abi_version";


/// Names shared by the AST lowering (which calls these markers) and the IR
/// pass (which replaces them). In the object file each marker is called by
/// its symbol (markerSymbol), which says what is wrong if a link ever sees
/// it: the IR pass did not run.
/// void __cdefer_exit_mark(void *state, int noreturn) begins the exit
/// sequence; noreturn: the function is declared so.
inline constexpr const char *ExitMarker = "__cdefer_exit_mark";
/// void __cdefer_exit_end(void): where the exit sequence of a function
/// declared noreturn ends, which CodeGen may compile as `unreachable`.
inline constexpr const char *ExitEndMarker = "__cdefer_exit_end";
/// void __cdefer_site_call(void *callee, int set) and
/// size_t __cdefer_site_block(int set) begin a site's deferred code in the
/// exit sequence; set: every normal exit passes its defer statement.
inline constexpr const char *CallSiteMarker = "__cdefer_site_call";
inline constexpr const char *BlockSiteMarker = "__cdefer_site_block";
/// size_t __cdefer_block_token(void): in the call that stands for a
/// deferred block moved into a function of its own (OutlineDeferred.cpp),
/// the block's recover() token; Recover.cpp replaces it.
inline constexpr const char *BlockTokenMarker = "__cdefer_block_token";
/// void *__cdefer_alloca(size_t bytes, size_t align): stack memory that
/// lasts until the function returns (OuterVlas.cpp).
inline constexpr const char *AllocaMarker = "__cdefer_alloca";

/// The symbol of marker \p Name: "<Name>: <how to fix the build>".
std::string markerSymbol(llvm::StringRef Name);

/// The runtime's recover (runtime/src/panic.c): the public one, which the
/// plugin lowers, and the token-taking ones it lowers to.
namespace recovery {
inline constexpr const char *Public =
    CDEFER_ABI_STRING(CDEFER_ABI_PUBLIC_RECOVER);
inline constexpr const char *WithToken = CDEFER_ABI_STRING(CDEFER_ABI_RECOVER);
inline constexpr const char *EntryToken =
    CDEFER_ABI_STRING(CDEFER_ABI_RECOVER_TOKEN);
} // namespace recovery

/// What the IR pass turns the site markers into in the unwinding copies.
namespace unwindhook {
inline constexpr const char *Call = CDEFER_ABI_STRING(CDEFER_ABI_UNWIND_CALL);
inline constexpr const char *Block = CDEFER_ABI_STRING(CDEFER_ABI_UNWIND_BLOCK);
inline constexpr const char *Finish = CDEFER_ABI_STRING(CDEFER_ABI_UNWIND_FINISH);
inline constexpr const char *FinishNoReturn =
    CDEFER_ABI_STRING(CDEFER_ABI_UNWIND_FINISH_NORETURN);
inline constexpr const char *Land = CDEFER_ABI_STRING(CDEFER_ABI_UNWIND_LAND);
inline constexpr const char *LandInlined =
    CDEFER_ABI_STRING(CDEFER_ABI_UNWIND_LAND_INLINED);
inline constexpr const char *Resume = CDEFER_ABI_STRING(CDEFER_ABI_UNWIND_RESUME);
inline constexpr const char *Personality =
    CDEFER_ABI_STRING(CDEFER_ABI_PERSONALITY);
} // namespace unwindhook

/// The record helpers of runtime/include/cdefer.h that the lowering calls.
/// They only move pointers (the chunk allocator behind them aborts rather
/// than unwinds), so the IR pass gives calls to them no landing pad.
namespace helper {
inline constexpr const char *FrameStruct = CDEFER_ABI_STRING(CDEFER_ABI_FRAME);
inline constexpr const char *FrameStart =
    CDEFER_ABI_STRING(CDEFER_ABI_FRAME_START);
inline constexpr const char *DeferProc = CDEFER_ABI_STRING(CDEFER_ABI_DEFERPROC);
inline constexpr const char *DeferProcSite =
    CDEFER_ABI_STRING(CDEFER_ABI_DEFERPROC_SITE);
inline constexpr const char *DeferArm = CDEFER_ABI_STRING(CDEFER_ABI_DEFERARM);
inline constexpr const char *FrameStartLarge =
    CDEFER_ABI_STRING(CDEFER_ABI_FRAME_START_LARGE);
inline constexpr const char *DeferProcLarge =
    CDEFER_ABI_STRING(CDEFER_ABI_DEFERPROC_LARGE);
inline constexpr const char *DeferPending =
    CDEFER_ABI_STRING(CDEFER_ABI_DEFERPENDING);
inline constexpr const char *DeferredSite =
    CDEFER_ABI_STRING(CDEFER_ABI_DEFERRED_SITE);
inline constexpr const char *DeferPop = CDEFER_ABI_STRING(CDEFER_ABI_DEFERPOP);
inline constexpr const char *DeferReturn =
    CDEFER_ABI_STRING(CDEFER_ABI_DEFERRETURN);
inline constexpr const char *All[] = {
    FrameStart,   DeferProc,    DeferProcSite, DeferArm,   FrameStartLarge,
    DeferProcLarge, DeferPending, DeferredSite, DeferPop, DeferReturn};

/// Past this many defer statements a function's records frame stays in
/// memory (UnwindPass.cpp: manySites), and it uses the _large helpers.
inline constexpr unsigned ManySites = 256;
} // namespace helper

} // namespace cdefer

#endif
