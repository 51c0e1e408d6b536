//===- Lower.h - rewrite a function's defers into plain C -----------------===//
#ifndef CDEFER_PASS_LOWER_H
#define CDEFER_PASS_LOWER_H

#include "Defers.h"
#include "Recover.h"
#include "Strategy.h"

namespace clang {
class Sema;
}

namespace cdefer {

/// Rewrites \p F's function so that its defers run at exit, with the chosen
/// strategy; deferred blocks that call recover() get their token in
/// \p Tokens.SiteToken. Returns false if it reported an error (and changed
/// nothing).
bool lowerDefers(clang::Sema &S, FunctionDefers &F, const Strategy &Plan,
                 const RecoverTokens &Tokens);

} // namespace cdefer

#endif
