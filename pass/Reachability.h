//===- Reachability.h - which statements may run after which --------------===//
//
// The lints ask whether a write can happen after a defer ran: source order
// alone took a write in the other branch of an `if`, or one past the
// defer's own `return`, for a later one.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_REACHABILITY_H
#define CDEFER_PASS_REACHABILITY_H

#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace cdefer {

class Reachability {
public:
  Reachability(clang::ASTContext &Ctx, const clang::FunctionDecl &FD)
      : Ctx(Ctx), FD(FD) {}

  /// Whether \p Later may run after \p Earlier has run, on some path of the
  /// function's control-flow graph (built on first use). True wherever the
  /// graph cannot tell.
  bool mayRunAfter(const clang::Stmt *Earlier, const clang::Stmt *Later);

private:
  struct Position {
    const clang::CFGBlock *Block;
    unsigned Index;
  };

  clang::ASTContext &Ctx;
  const clang::FunctionDecl &FD;
  bool Built = false;
  std::unique_ptr<clang::CFG> Graph;
  llvm::DenseMap<const clang::Stmt *, Position> PositionOf;

  void build();
  bool reaches(const clang::CFGBlock *From, const clang::CFGBlock *To) const;
};

} // namespace cdefer

#endif
