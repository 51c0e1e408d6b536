//===- Diagnostics.cpp - the errors, notes and remarks cdefer reports -----===//
#include "Diagnostics.h"

#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace cdefer {

SourceLocation userLoc(const SourceManager &SM, SourceLocation Loc) {
  return Loc.isValid() ? SM.getExpansionLoc(Loc) : Loc;
}

SourceLocation diagnosticLoc(const SourceManager &SM, SourceLocation Loc) {
  while (Loc.isMacroID() && SM.isInSystemHeader(SM.getSpellingLoc(Loc)))
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  return Loc;
}

std::string describeLoc(const SourceManager &SM, SourceLocation Loc) {
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (P.isInvalid())
    return "<unknown>";
  return (llvm::Twine(llvm::sys::path::filename(P.getFilename())) + ":" +
          llvm::Twine(P.getLine()) + ":" + llvm::Twine(P.getColumn()))
      .str();
}

WarningLevel customWarningLevel(const DiagnosticsEngine &D, bool AskedError,
                                bool KeptWarning) {
  if (D.getIgnoreAllWarnings())
    return {DiagnosticsEngine::Ignored, "-W"};
  if (AskedError)
    return {DiagnosticsEngine::Error, "-Werror="};
  if (D.getWarningsAsErrors() && !KeptWarning)
    return {DiagnosticsEngine::Error, "-Werror,-W"};
  return {DiagnosticsEngine::Warning, "-W"};
}

// Custom diagnostic IDs are interned by the engine: asking again for the same
// level and text returns the same ID, so each function may ask every time.
#define CDEFER_REPORT(LEVEL, TEXT)                                             \
  D.Report(Loc, D.getCustomDiagID(DiagnosticsEngine::LEVEL, TEXT))

void errDeferOperand(DiagnosticsEngine &D, SourceLocation Loc, StringRef What) {
  CDEFER_REPORT(Error, "'defer' cannot apply to %0; defer an expression "
                       "statement or a compound statement '{ ... }'")
      << What;
}

void errDeferOfDeclaration(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer' cannot apply to a declaration; declare the "
                       "variable before the 'defer'");
}

void errDeferNotOnStatement(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer' applies to a statement in a function body, "
                       "not to a declaration");
}

void errDeferInStmtExpr(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer' inside a statement expression is not "
                       "supported; move it to the enclosing function body");
}

void errDeferInLoopTransform(DiagnosticsEngine &D, SourceLocation Loc,
                             StringRef Directive) {
  CDEFER_REPORT(Error, "'defer' in a loop that '#pragma omp %0' transforms is "
                       "not supported: clang compiles a copy of the loop that "
                       "the directive makes; move the loop's body into a "
                       "function, or the 'defer' out of the loop")
      << Directive;
}

void errDeferInBlockLiteral(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer' inside a block literal is not supported; "
                       "use a function");
}

void errDeferInCapturedRegion(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer' inside an OpenMP region or a captured "
                       "statement is not supported: the region runs as a "
                       "function of its own; move the 'defer' out of it, or "
                       "the region's code into a function");
}

void errCannotOutline(DiagnosticsEngine &D, SourceLocation Loc,
                      StringRef What) {
  CDEFER_REPORT(Error, "a deferred block with defers of its own runs as a "
                       "function of its own, which cannot take '%0': move "
                       "it out of the block, or the inner defers out of it")
      << What;
}

void errDeferInDeferTS(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer' inside a '_Defer' statement is not "
                       "supported: '_Defer' runs its statement at the end of "
                       "its block; put the 'defer' outside it");
}

void errDeferInCxx(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer' is supported only in C; compile this file as "
                       "C, or use destructors in C++");
}

void errToolingDefer(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "this 'defer' is <cdefer.h>'s form for tools "
                       "(CDEFER_TOOLING), which never runs its statement, "
                       "in a compile with the cdefer plugin; build the "
                       "precompiled header that defined it without "
                       "-DCDEFER_TOOLING");
}

void errToolingHeader(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "<cdefer.h> was read in its form for tools "
                       "(CDEFER_TOOLING), whose defers never run, in a "
                       "compile with the cdefer plugin; build the "
                       "precompiled header that read it without "
                       "-DCDEFER_TOOLING");
}

void warnDeferRedefined(DiagnosticsEngine &D, SourceLocation Loc) {
  D.Report(Loc, D.getCustomDiagID(
                    customWarningLevel(D).Level,
                    "this redefines 'defer' after <cdefer.h> (as "
                    "<stddefer.h> does, to C2y's block-scoped "
                    "'_Defer'): every 'defer' after it runs when its "
                    "block ends, not when the function returns; "
                    "include only one of them, and write '_Defer' "
                    "where C2y's is meant"));
}

void errDeferInObjCMethod(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer' is not supported in an Objective-C method; "
                       "move the code into a C function, or use @finally");
}

void errLeavesDeferred(DiagnosticsEngine &D, SourceLocation Loc,
                       StringRef Keyword) {
  CDEFER_REPORT(Error, "'%0' cannot leave a deferred statement; deferred "
                       "code must run to its end")
      << Keyword;
}

void errReturnInDeferred(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'return' cannot appear in a deferred statement; "
                       "assign the function's 'defer_result' variable "
                       "instead");
}

void errMustTailWithDefers(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "a 'musttail' return cannot be used in a function with "
                       "defers: the call must be the last thing the function "
                       "does, and its deferred statements run after it; move "
                       "the defers to a function that calls this one");
}

void errJumpIntoDeferred(DiagnosticsEngine &D, SourceLocation Loc,
                         StringRef What) {
  CDEFER_REPORT(Error, "%0 jumps into a deferred statement; deferred code "
                       "runs only at function exit")
      << What;
}

void errCaptureVLA(DiagnosticsEngine &D, SourceLocation Loc, StringRef Name) {
  CDEFER_REPORT(Error, "deferred statement uses variable-length array '%0', "
                       "whose block ends before the function returns; it "
                       "cannot be kept for the deferred statement, declare it "
                       "in the function's outermost block")
      << Name;
}

void errArrayNotMovable(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "deferred statement uses an array whose storage ends "
                       "before the function returns, and '__builtin_memcpy', "
                       "which keeps it, is not available; make the array a "
                       "variable of the function's outermost block");
}

void errInnerInVariablyModifiedType(DiagnosticsEngine &D, SourceLocation Loc,
                                    StringRef Name) {
  CDEFER_REPORT(Error, "deferred statement uses '%0' in the size of a "
                       "variable-length array type, and its block ends before "
                       "the function returns; declare '%0' in the function's "
                       "outermost block, or copy it to a variable of the "
                       "deferred statement")
      << Name;
}

void errKeptInOpenMP(DiagnosticsEngine &D, SourceLocation Loc,
                     StringRef Name) {
  CDEFER_REPORT(Error, "this OpenMP directive uses '%0', which deferred code "
                       "names, so that it lives on in the defer's storage; "
                       "the directive would use its first place instead: "
                       "copy it into a variable of its own for the directive")
      << Name;
}

void errShareVariablyModifiedTypedef(DiagnosticsEngine &D, SourceLocation Loc,
                                     StringRef Name) {
  CDEFER_REPORT(Error, "deferred statement uses type '%0', which involves a "
                       "variable-length array and is declared in a block "
                       "that ends before the function returns; declare it in "
                       "the function's outermost block")
      << Name;
}

void errShareVariablyModified(DiagnosticsEngine &D, SourceLocation Loc,
                              StringRef Name) {
  CDEFER_REPORT(Error, "deferred statement uses '%0', whose type is variably "
                       "modified (it involves a variable-length array) and "
                       "whose block ends before the function returns; declare "
                       "it in the function's outermost block")
      << Name;
}

void errCaptureVariablyModifiedArgument(DiagnosticsEngine &D,
                                        SourceLocation Loc) {
  CDEFER_REPORT(Error, "a deferred call's argument of variably modified type "
                       "(a pointer to a variable-length array) cannot be kept "
                       "until the function returns; cast it to 'void *' or to "
                       "a fixed-size type, or use a deferred block");
}

void errShareCleanupVariable(DiagnosticsEngine &D, SourceLocation Loc,
                             StringRef Name) {
  CDEFER_REPORT(Error, "deferred statement uses '%0', whose cleanup "
                       "attribute runs when its block ends, before the "
                       "deferred statement; declare it in the function's "
                       "outermost block, or clean it up in deferred code "
                       "instead of with the attribute")
      << Name;
}

void errShareBlockVariable(DiagnosticsEngine &D, SourceLocation Loc,
                           StringRef Name) {
  CDEFER_REPORT(Error, "deferred statement uses __block variable '%0', whose "
                       "block ends before the function returns; declare it in "
                       "the function's outermost block")
      << Name;
}

void errMissingHeader(DiagnosticsEngine &D, SourceLocation Loc,
                      StringRef Name) {
  CDEFER_REPORT(Error, "'%0' comes from <cdefer.h>: add '#include <cdefer.h>' "
                       "(the cdefer plugin is loaded, but the header is not "
                       "included)")
      << Name;
}

void errHeaderNameRemoved(DiagnosticsEngine &D, SourceLocation Loc,
                          StringRef Name, StringRef Spelled) {
  CDEFER_REPORT(Error, "'%0' is not defined here, though <cdefer.h> is "
                       "included: an '#undef %0' or CDEFER_NO_SHORT_NAMES "
                       "took it away; write '%1'")
      << Name << Spelled;
}

void errMissingRuntime(DiagnosticsEngine &D, SourceLocation Loc,
                       StringRef Name) {
  CDEFER_REPORT(Error, "this code needs the cdefer runtime declaration "
                       "'%0'; add '#include <cdefer.h>'")
      << Name;
}

void errVariablyModifiedAfterReturn(DiagnosticsEngine &D, SourceLocation Loc,
                                    StringRef Name) {
  CDEFER_REPORT(Error, "'%0' has a variably modified type and is declared in "
                       "the outermost block of a function with defers after a "
                       "'return', which would then jump into its scope; "
                       "declare it inside a block '{ ... }' or before the "
                       "first 'return'")
      << Name;
}

void errAbiVersion(DiagnosticsEngine &D, SourceLocation Loc,
                   StringRef HeaderVersion, unsigned PluginVersion) {
  CDEFER_REPORT(Error, "<cdefer.h> is for cdefer ABI version %0, and this "
                       "plugin generates code for version %1; include the "
                       "<cdefer.h> installed with this plugin")
      << HeaderVersion << PluginVersion;
}

void errRuntimeMismatch(DiagnosticsEngine &D, SourceLocation Loc,
                        StringRef Name) {
  CDEFER_REPORT(Error, "the declaration of cdefer runtime function '%0' does "
                       "not match this cdefer plugin; include the <cdefer.h> "
                       "installed with it, unchanged")
      << Name;
}

void errMissingRuntimeForRecover(DiagnosticsEngine &D, SourceLocation Loc,
                                 StringRef Name) {
  CDEFER_REPORT(Error, "recover() needs the cdefer runtime declaration "
                       "'%0'; include <cdefer.h> from this cdefer version")
      << Name;
}

void noteDeferHere(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Note, "deferred statement is here");
}

void errResultNotLocal(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer_result' must be on a local variable in the "
                       "function's outermost block");
}

void errResultOnLabel(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer_result' right after a label applies to the "
                       "label, as GNU attributes do in C; write it after the "
                       "type: 'L: int defer_result r;'");
}

void errResultTwice(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "a function can have only one 'defer_result' "
                       "variable");
}

void notePreviousResult(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Note, "previous 'defer_result' variable is here");
}

void errResultConst(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer_result' variable cannot be const: every "
                       "'return' assigns it, and deferred code may; remove "
                       "the 'const'");
}

void errResultCleanup(DiagnosticsEngine &D, SourceLocation Loc) {
  CDEFER_REPORT(Error, "'defer_result' variable cannot have a 'cleanup' "
                       "attribute: it is the function's result, alive from "
                       "the function's entry until it returns; defer the "
                       "cleanup instead");
}

void errResultType(DiagnosticsEngine &D, SourceLocation Loc,
                   const std::string &VarType, const std::string &RetType) {
  CDEFER_REPORT(Error, "'defer_result' variable has type '%0' but the "
                       "function returns '%1'; they must be the same type")
      << VarType << RetType;
}

void errUnknownArgument(DiagnosticsEngine &D, StringRef Arg) {
  SourceLocation Loc;
  CDEFER_REPORT(Error, "unknown cdefer plugin argument '%0'; known arguments "
                       "are 'remarks', 'strategy=auto|runtime' and the "
                       "warning options 'Wcdefer-<name>', 'Wno-cdefer-<name>', "
                       "'Werror=cdefer-<name>' and 'Wno-error=cdefer-<name>'")
      << Arg;
}

void errUnknownLint(DiagnosticsEngine &D, StringRef Arg, StringRef Known) {
  SourceLocation Loc;
  CDEFER_REPORT(Error, "unknown cdefer warning option '-%0'; the warnings are "
                       "-Wcdefer-<name> with <name> one of: %1 (and "
                       "-Wcdefer for all of them)")
      << Arg << Known;
}

void remarkStrategy(DiagnosticsEngine &D, SourceLocation Loc,
                    StringRef Function, StringRef Text) {
  CDEFER_REPORT(Remark, "'%0': %1") << Function << Text;
}

#undef CDEFER_REPORT

} // namespace cdefer
