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
#include "llvm/ADT/DenseMap.h"
#include <vector>

using namespace clang;

namespace cdefer {
namespace {

/// The most a function reserves, whatever its defers.
constexpr uint64_t MaxBytes = 256;
/// How many runs of a repeating defer the buffer has room for.
constexpr uint64_t RepeatsPlannedFor = 16;

/// One walk over a function body: which defer statements are inside a
/// loop, and whether there is a goto.
class RepeatFinder {
public:
  explicit RepeatFinder(const FunctionDefers &F) : Repeats(F.Sites.size()) {
    for (const DeferSite &Site : F.Sites)
      SiteOf[Site.Statement] = Site.Index;
  }

  std::vector<bool> run(const Stmt *Body) {
    walk(Body, /*InLoop=*/false);
    if (Gotos)
      Repeats.assign(Repeats.size(), true);
    return std::move(Repeats);
  }

private:
  llvm::DenseMap<const Stmt *, unsigned> SiteOf;
  std::vector<bool> Repeats;
  bool Gotos = false;

  void walk(const Stmt *S, bool InLoop) {
    if (!S)
      return;
    Gotos |= isa<GotoStmt, IndirectGotoStmt>(S);
    if (auto It = SiteOf.find(S); It != SiteOf.end())
      Repeats[It->second] = InLoop;
    InLoop |= isa<ForStmt, WhileStmt, DoStmt>(S);
    for (const Stmt *Child : S->children())
      walk(Child, InLoop);
  }
};

} // namespace

// A goto can make any defer repeat; the CFG would say which, but neither a
// guess at a buffer size nor the shape of the exit loop needs it.
std::vector<bool> sitesThatMayRepeat(const FunctionDefers &F) {
  return RepeatFinder(F).run(F.Function->getBody());
}

uint64_t stackBufferBytes(const FunctionDefers &F,
                          llvm::ArrayRef<uint64_t> RecordSizes,
                          const std::vector<bool> &Repeats) {
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
