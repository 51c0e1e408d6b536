//===- SemaAnalyses.h - running Sema's flow analyses again ----------------===//
//
// Sema's flow-sensitive warnings (-Wthread-safety, -Wunreachable-code) read
// a body as written, where deferred code stands at its defer. For functions
// with defers the plugin switches Sema's run off (ParseHooks.cpp) and runs
// the same analysis again on a view of the function; these are the parts
// both reruns share, so that they see what Sema would have seen.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_SEMAANALYSES_H
#define CDEFER_PASS_SEMAANALYSES_H

#include "clang/AST/Decl.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Sema.h"

namespace cdefer {

/// Whether warnings about \p FD can be shown at all: not under -w, nor in
/// a system header (unless -Wsystem-headers), as Sema decides.
inline bool mayWarnAbout(clang::Sema &S, const clang::FunctionDecl &FD) {
  clang::DiagnosticsEngine &D = S.getDiagnostics();
  return !D.getIgnoreAllWarnings() &&
         !(D.getSuppressSystemWarnings() &&
           S.getSourceManager().isInSystemHeader(FD.getLocation()));
}

/// The CFG options Sema's analysis-based warnings build with.
inline void buildCfgAsSema(clang::AnalysisDeclContext &AC) {
  clang::CFG::BuildOptions &Options = AC.getCFGBuildOptions();
  Options.PruneTriviallyFalseEdges = true;
  Options.AddEHEdges = false;
  Options.AddInitializers = true;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.setAllAlwaysAdd();
}

} // namespace cdefer

#endif
