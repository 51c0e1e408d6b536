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
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include <vector>

using namespace clang;

namespace cdefer {
namespace {

/// The most a function reserves, whatever its defers.
constexpr uint64_t MaxBytes = 256;
/// How many runs of a repeating defer the buffer has room for.
constexpr uint64_t RepeatsPlannedFor = 16;

bool hasGoto(const Stmt *S) {
  if (!S)
    return false;
  if (isa<GotoStmt, IndirectGotoStmt>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (hasGoto(Child))
      return true;
  return false;
}

bool insideLoop(ParentMap &Parents, const Stmt *S) {
  for (const Stmt *P = Parents.getParent(S); P; P = Parents.getParent(P))
    if (isa<ForStmt, WhileStmt, DoStmt>(P))
      return true;
  return false;
}

} // namespace

// A goto can make any defer repeat; the CFG would say which, but neither a
// guess at a buffer size nor the shape of the exit loop needs it.
std::vector<bool> sitesThatMayRepeat(const FunctionDefers &F) {
  Stmt *Body = F.Function->getBody();
  ParentMap Parents(Body);
  bool Gotos = hasGoto(Body);
  std::vector<bool> Repeats(F.Sites.size());
  for (const DeferSite &Site : F.Sites)
    Repeats[Site.Index] = Gotos || insideLoop(Parents, Site.Statement);
  return Repeats;
}

uint64_t stackBufferBytes(const FunctionDefers &F,
                          llvm::ArrayRef<uint64_t> RecordSizes) {
  std::vector<bool> Repeats = sitesThatMayRepeat(F);
  uint64_t Bytes = 0;
  for (const DeferSite &Site : F.Sites) {
    Bytes += RecordSizes[Site.Index] *
             (Repeats[Site.Index] ? RepeatsPlannedFor : 1);
    if (Bytes >= MaxBytes)
      return MaxBytes;
  }
  return Bytes;
}

} // namespace cdefer
