//===- PendingDefers.h - where in a function a defer may be pending -------===//
#ifndef CDEFER_PASS_PENDINGDEFERS_H
#define CDEFER_PASS_PENDINGDEFERS_H

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/IR/Instructions.h"

namespace cdefer {

/// Which instructions of a function's body may run while some defer of the
/// function is pending: those reachable in its control-flow graph from a
/// point that records a defer (sets its bit in the mask, or pushes its
/// record). A call no such point reaches needs no landing pad: a panic there
/// finds nothing to run in this frame, and passes it like any frame without
/// cleanups (UnwindPass.cpp).
///
/// The points are found from the uses of the function's defer state outside
/// its exit sequence: anything but a load, a store of zero (the start), a
/// lifetime marker or the records frame's start counts, so that code the
/// lowering might emit later errs on the side of a landing pad. A function
/// that calls setjmp (\p ReturnsTwice) is not analysed: a longjmp is an edge
/// the graph does not show.
class PendingDefers {
public:
  PendingDefers(llvm::Function &F, llvm::AllocaInst *State,
                const llvm::SetVector<llvm::BasicBlock *> &ExitSequence,
                bool ReturnsTwice);

  /// Whether some defer may be pending when \p I runs.
  bool mayBePendingAt(const llvm::Instruction &I) const;

private:
  bool Everywhere = false;
  /// Blocks some recording point reaches at their start, by number.
  llvm::BitVector ReachedAtEntry;
  /// Each block's first recording point.
  llvm::DenseMap<const llvm::BasicBlock *, const llvm::Instruction *> FirstRecord;

  void findRecordingPoints(llvm::AllocaInst *State,
                           const llvm::SetVector<llvm::BasicBlock *> &Exit);
  void propagate();
};

} // namespace cdefer

#endif
