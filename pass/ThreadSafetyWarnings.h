//===- ThreadSafetyWarnings.h - -Wthread-safety on what really runs -------===//
#ifndef CDEFER_PASS_THREADSAFETYWARNINGS_H
#define CDEFER_PASS_THREADSAFETYWARNINGS_H

#include "Defers.h"
#include "Strategy.h"

namespace clang {
class Sema;
}

namespace cdefer {

/// Whether -Wthread-safety is on for \p F's function, as the user set it
/// (ParseHooks.cpp turns it off where Sema would run it).
bool wantsThreadSafety(clang::Sema &S, const FunctionDefers &F);

/// Runs clang's thread-safety analysis on \p F's function with its deferred
/// code where it runs (ExitView.h), and reports what it finds with clang's
/// own warnings, under their -Wthread-safety-* flags.
void warnThreadSafety(clang::Sema &S, FunctionDefers &F, const Strategy &Plan);

} // namespace cdefer

#endif
