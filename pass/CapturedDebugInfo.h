//===- CapturedDebugInfo.h - a deferred block's variables, by name --------===//
#ifndef CDEFER_PASS_CAPTUREDDEBUGINFO_H
#define CDEFER_PASS_CAPTUREDDEBUGINFO_H

namespace llvm {
class Module;
} // namespace llvm

namespace cdefer {

/// A deferred block with defers of its own runs as a function of its own
/// (OutlineDeferred.h), which reaches the variables of the function it was
/// written in through pointer parameters, `__cdefer_r` for r: a debugger
/// stopped in the block found no `r`. Each such parameter's debug
/// variable gets a twin named as the variable, of its type, located
/// through the pointer (as clang describes a block literal's __block
/// captures), so that `print r` shows what the source says.
void describeCapturedVariables(llvm::Module &M);

} // namespace cdefer

#endif
