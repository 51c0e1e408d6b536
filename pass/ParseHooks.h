//===- ParseHooks.h - what the plugin does while clang parses -------------===//
#ifndef CDEFER_PASS_PARSEHOOKS_H
#define CDEFER_PASS_PARSEHOOKS_H

namespace clang {
class Preprocessor;
class Sema;
} // namespace clang

namespace cdefer {

/// Makes an undeclared `defer` (or panic, recover...) say that <cdefer.h>
/// is missing.
void addMissingHeaderHint(clang::Sema &S);

/// Turns -Wuninitialized off inside deferred blocks (ParseHooks.cpp).
void quietUninitializedInDeferredBlocks(clang::Preprocessor &PP);

} // namespace cdefer

#endif
