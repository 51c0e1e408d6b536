//===- StackBuffer.cpp - how much room records get on a function's stack --===//
//
// A record-based function reserves a buffer in its own frame, so that a call
// whose defers fit never reaches the runtime's chunk allocator (cdefer.h).
// The buffer costs stack in every call, deep recursions included, so it is
// sized to the function: one record for each defer that runs at most once,
// room for a loop's worth of records for each defer that can repeat, and
// never more than MaxBytes.
//
//===----------------------------------------------------------------------===//
#include "StackBuffer.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"
#include <vector>

using namespace clang;

namespace cdefer {
namespace {

/// The most a function reserves, whatever its defers.
constexpr uint64_t MaxBytes = 256;
/// How many runs of a repeating defer the buffer has room for.
constexpr uint64_t RepeatsPlannedFor = 16;

} // namespace

uint64_t stackBufferBytes(const FunctionDefers &F,
                          llvm::ArrayRef<uint64_t> RecordSizes,
                          const std::vector<bool> &Repeats, bool ForAnalysis) {
  uint64_t Bytes = 0;
  for (const DeferSite &Site : F.Sites) {
    Bytes += RecordSizes[Site.Index] *
             (Repeats[Site.Index] ? RepeatsPlannedFor : 1);
    if (Bytes >= MaxBytes && !ForAnalysis)
      return MaxBytes;
  }
  return Bytes;
}

bool stackBufferHoldsAll(llvm::ArrayRef<uint64_t> RecordSizes,
                         const std::vector<bool> &Repeats) {
  if (llvm::is_contained(Repeats, true))
    return false;
  uint64_t Bytes = 0;
  for (uint64_t Size : RecordSizes)
    Bytes += Size;
  return Bytes <= MaxBytes;
}

} // namespace cdefer
