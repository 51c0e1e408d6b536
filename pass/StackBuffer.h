//===- StackBuffer.h - how much room records get on a function's stack ----===//
#ifndef CDEFER_PASS_STACKBUFFER_H
#define CDEFER_PASS_STACKBUFFER_H

#include "Defers.h"
#include "llvm/ADT/ArrayRef.h"
#include <cstdint>
#include <vector>

namespace cdefer {

/// The bytes of the buffer a record-based function keeps on its stack for
/// its first records; \p RecordSizes[i] is the record size of site i, and
/// \p Repeats which sites may repeat (Strategy::Repeats). Records that do not
/// fit go to chunks from the runtime, so this is a guess at what a typical
/// call needs, not a bound. \p ForAnalysis: no code is generated (the
/// static analyzer reads the lowered function), so the buffer costs nothing
/// and is not capped; it holds more runs of a loop's defers than the
/// analyzer follows a loop round, and the analyzer never sees records go
/// into a chunk, whose contents it cannot know.
uint64_t stackBufferBytes(const FunctionDefers &F,
                          llvm::ArrayRef<uint64_t> RecordSizes,
                          const std::vector<bool> &Repeats, bool ForAnalysis);

/// Whether that buffer holds every record a call can make: no site can
/// repeat, and one record of each fits. Such a function never grows into a
/// chunk, and its exit sequence needs no walk over chunks.
bool stackBufferHoldsAll(llvm::ArrayRef<uint64_t> RecordSizes,
                         const std::vector<bool> &Repeats);

} // namespace cdefer

#endif
