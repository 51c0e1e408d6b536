//===- Strategy.h - open-coded defers or runtime records ------------------===//
#ifndef CDEFER_PASS_STRATEGY_H
#define CDEFER_PASS_STRATEGY_H

#include "Defers.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class VarDecl;
} // namespace clang

namespace cdefer {

/// At most this many defers are open-coded: one bit each in a 64-bit mask.
inline constexpr unsigned MaxOpenCodedDefers = 64;

struct Strategy {
  bool OpenCoded = false;
  /// Why records were chosen, for the remark; empty when open-coded.
  std::string Reason;
  /// Open-coded only: Bit[i] is site i's bit. Bits follow the order in which
  /// defers can execute, so testing from the highest bit down is LIFO.
  std::vector<unsigned> Bit;
  /// Repeats[i]: site i is in a loop, or the function has a goto or a
  /// call that returns twice (setjmp). What sizes the records' stack
  /// buffer and shapes their exit loop, whatever the strategy.
  std::vector<bool> Repeats;
  /// SetAtExit[i]: every normal exit of the function passes site i's defer
  /// statement first (it stands in the body's top-level blocks, no return
  /// and no goto comes before it). Its bit needs no test there; the
  /// unwinding copy, which a panic can enter before the defer ran, keeps it.
  std::vector<bool> SetAtExit;
  /// It calls a function that returns twice (setjmp): a local it changes
  /// after the call has no determinate value after a longjmp back to it,
  /// unless volatile.
  bool ReturnsTwice = false;
  /// Local variables whose declaration lies on a cycle of the control-flow
  /// graph (a backward or computed goto): each execution of it starts a new
  /// variable for deferred code, as in Go. Empty without a goto; a longjmp
  /// back to a setjmp is not an edge of the graph.
  llvm::DenseSet<const clang::VarDecl *> RedeclaredVariables;
};

/// Chooses how \p F's defers are lowered (see Strategy.cpp).
Strategy chooseStrategy(clang::ASTContext &Ctx, const FunctionDefers &F,
                        bool ForceRuntime);

} // namespace cdefer

#endif
