//===- Diagnostics.h - the errors, notes and remarks cdefer reports -------===//
//
// Every message cdefer prints is declared here, one function each, so that the
// wording lives in one place. Messages follow Clang's habits: lowercase, no
// trailing period, names in quotes; an error about a defer is followed by
// noteDeferHere() pointing at its `defer`.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_DIAGNOSTICS_H
#define CDEFER_PASS_DIAGNOSTICS_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class Stmt;
class SourceManager;
class QualType;
} // namespace clang

namespace cdefer {

using clang::DiagnosticsEngine;
using clang::SourceLocation;

/// Maps a location inside the expansion of the `defer` macro to the `defer`
/// token the user wrote, so diagnostics point at their code, not cdefer.h.
SourceLocation userLoc(const clang::SourceManager &SM, SourceLocation Loc);

/// Where to report a problem with the user's code at \p Loc: out of the
/// macros of system headers (cdefer.h's `defer`: a diagnostic inside one
/// is not shown, and names nothing the user wrote), but inside the user's
/// own macros, where clang then shows each expansion ("expanded from macro
/// 'CLEANUP'"): the `return` in a multi-line macro that defers a block.
/// Not for the locations of what the lowering builds (userLoc).
SourceLocation diagnosticLoc(const clang::SourceManager &SM,
                             SourceLocation Loc);

/// "file:line:col" of \p Loc, for messages that name a second place.
std::string describeLoc(const clang::SourceManager &SM, SourceLocation Loc);

/// A warning of cdefer's as clang would treat one of its own. Custom
/// diagnostics are in no warning group for clang to apply -w and -Werror
/// to, so this does: -w silences it whatever else is asked (as clang's -w
/// does), \p AskedError (-Werror=<its flag>) or -Werror makes it an error,
/// unless \p KeptWarning (-Wno-error=<its flag>).
struct WarningLevel {
  DiagnosticsEngine::Level Level;
  const char *FlagPrefix; // before the flag's name: "-W", "-Werror,-W", ...
};
WarningLevel customWarningLevel(const DiagnosticsEngine &D,
                                bool AskedError = false,
                                bool KeptWarning = false);

/// What a statement that `defer` cannot take is, in words for an error.
const char *describeStatement(const clang::Stmt *St);

// Misuse of `defer` itself.
void errDeferOperand(DiagnosticsEngine &D, SourceLocation Loc,
                     llvm::StringRef What);
void errDeferOfDeclaration(DiagnosticsEngine &D, SourceLocation Loc);
void errDeferNotOnStatement(DiagnosticsEngine &D, SourceLocation Loc);
void errDeferInStmtExpr(DiagnosticsEngine &D, SourceLocation Loc);
void errDeferInLoopTransform(DiagnosticsEngine &D, SourceLocation Loc,
                             llvm::StringRef Directive);
void errDeferInBlockLiteral(DiagnosticsEngine &D, SourceLocation Loc);
void errDeferInCapturedRegion(DiagnosticsEngine &D, SourceLocation Loc);
void errCannotOutline(DiagnosticsEngine &D, SourceLocation Loc,
                      llvm::StringRef What);
void errDeferInDeferTS(DiagnosticsEngine &D, SourceLocation Loc);
void errDeferInObjCMethod(DiagnosticsEngine &D, SourceLocation Loc);
void warnDeferRedefined(DiagnosticsEngine &D, SourceLocation Loc);
void errToolingDefer(DiagnosticsEngine &D, SourceLocation Loc);
void errToolingHeader(DiagnosticsEngine &D, SourceLocation Loc);
void errDeferInCxx(DiagnosticsEngine &D, SourceLocation Loc);
void errLeavesDeferred(DiagnosticsEngine &D, SourceLocation Loc,
                       llvm::StringRef Keyword);
void errReturnInDeferred(DiagnosticsEngine &D, SourceLocation Loc);
void errMustTailWithDefers(DiagnosticsEngine &D, SourceLocation Loc);
void errJumpIntoDeferred(DiagnosticsEngine &D, SourceLocation Loc,
                         llvm::StringRef What);
void errCaptureVLA(DiagnosticsEngine &D, SourceLocation Loc,
                   llvm::StringRef Name);
void errKeptInOpenMP(DiagnosticsEngine &D, SourceLocation Loc,
                     llvm::StringRef Name);
void errShareVariablyModifiedTypedef(DiagnosticsEngine &D, SourceLocation Loc,
                                     llvm::StringRef Name);
/// An array (variable or compound literal) that deferred code keeps, when
/// __builtin_memcpy, which copies it, cannot be found.
void errArrayNotMovable(DiagnosticsEngine &D, SourceLocation Loc);
void errInnerInVariablyModifiedType(DiagnosticsEngine &D, SourceLocation Loc,
                                    llvm::StringRef Name);
void errShareVariablyModified(DiagnosticsEngine &D, SourceLocation Loc,
                              llvm::StringRef Name);
void errCaptureVariablyModifiedArgument(DiagnosticsEngine &D,
                                        SourceLocation Loc);
void errShareCleanupVariable(DiagnosticsEngine &D, SourceLocation Loc,
                             llvm::StringRef Name);
void errShareBlockVariable(DiagnosticsEngine &D, SourceLocation Loc,
                           llvm::StringRef Name);
void errMissingHeader(DiagnosticsEngine &D, SourceLocation Loc,
                      llvm::StringRef Name);
void errHeaderNameRemoved(DiagnosticsEngine &D, SourceLocation Loc,
                          llvm::StringRef Name, llvm::StringRef Spelled);
void errMissingRuntime(DiagnosticsEngine &D, SourceLocation Loc,
                       llvm::StringRef Name);
void errVariablyModifiedAfterReturn(DiagnosticsEngine &D, SourceLocation Loc,
                                    llvm::StringRef Name);
void errAbiVersion(DiagnosticsEngine &D, SourceLocation Loc,
                   llvm::StringRef HeaderVersion, unsigned PluginVersion);
void errRuntimeMismatch(DiagnosticsEngine &D, SourceLocation Loc,
                        llvm::StringRef Name);
void errMissingRuntimeForRecover(DiagnosticsEngine &D, SourceLocation Loc,
                                 llvm::StringRef Name);
void noteDeferHere(DiagnosticsEngine &D, SourceLocation Loc);

// Misuse of `defer_result`.
void errResultNotLocal(DiagnosticsEngine &D, SourceLocation Loc);
void errResultOnLabel(DiagnosticsEngine &D, SourceLocation Loc);
void errResultTwice(DiagnosticsEngine &D, SourceLocation Loc);
void notePreviousResult(DiagnosticsEngine &D, SourceLocation Loc);
void errResultConst(DiagnosticsEngine &D, SourceLocation Loc);
void errResultCleanup(DiagnosticsEngine &D, SourceLocation Loc);
void errResultType(DiagnosticsEngine &D, SourceLocation Loc,
                   const std::string &VarType, const std::string &RetType);

// Plugin arguments.
void errUnknownArgument(DiagnosticsEngine &D, llvm::StringRef Arg);
void errUnknownLint(DiagnosticsEngine &D, llvm::StringRef Arg,
                    llvm::StringRef Known);

// -fplugin-arg-cdefer-remarks.
void remarkStrategy(DiagnosticsEngine &D, SourceLocation Loc,
                    llvm::StringRef Function, llvm::StringRef Text);

} // namespace cdefer

#endif
