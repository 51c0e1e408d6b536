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
/// call needs, not a bound.
uint64_t stackBufferBytes(const FunctionDefers &F,
                          llvm::ArrayRef<uint64_t> RecordSizes,
                          const std::vector<bool> &Repeats);

/// Whether that buffer holds every record a call can make: no site can
/// repeat, and one record of each fits. Such a function never grows into a
/// chunk, and its exit sequence needs no walk over chunks.
bool stackBufferHoldsAll(llvm::ArrayRef<uint64_t> RecordSizes,
                         const std::vector<bool> &Repeats);

} // namespace cdefer

#endif
