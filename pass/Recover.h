//===- Recover.h - give every recover() the token of its deferred code ----===//
#ifndef CDEFER_PASS_RECOVER_H
#define CDEFER_PASS_RECOVER_H

#include "Defers.h"

namespace clang {
class Sema;
class VarDecl;
} // namespace clang

namespace cdefer {

struct RecoverTokens {
  /// Set by the marker before each deferred block at exit, read by the
  /// recover() calls inside deferred blocks; null if there are none.
  clang::VarDecl *SiteToken = nullptr;
};

/// Lowers each recover() of \p F's function into __cdefer_recover(token)
/// (see Recover.cpp). Returns false if it reported an error (and changed
/// nothing).
bool lowerRecovers(clang::Sema &S, const FunctionDefers &F,
                   RecoverTokens &Out);

/// True if \p S calls recover() (cdefer_recover in <cdefer.h>).
bool callsRecover(const clang::Stmt *S);

} // namespace cdefer

#endif
