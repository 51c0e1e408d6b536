//===- Defers.h - what cdefer knows about one function's defers ----------===//
//
// Glossary
//   defer site   one `defer` statement in the source; `defer S;` parses as an
//                AttributedStmt carrying the annotation "cdefer" around S,
//                except right after a label, where C gives GNU attributes to
//                the label: `L: defer S;` annotates L and S is its statement.
//   deferred     S itself: an expression statement or a compound statement,
//   statement    run when the enclosing function returns.
//   call form    S is a function call: callee and arguments are evaluated at
//                the defer and the call is made at exit (Go's defer).
//   result       the function's `defer_result` variable, if it names one:
//   variable     `return e;` stores e there and the function returns its
//                final value (Go's named results).
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_DEFERS_H
#define CDEFER_PASS_DEFERS_H

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceLocation.h"
#include <vector>

namespace clang {
class Attr;
class ASTContext;
class AtomicExpr;
class AttributedStmt;
class CallExpr;
class FunctionDecl;
class Sema;
class VarDecl;
} // namespace clang

namespace cdefer {

/// Annotations the attribute handlers attach and the passes look for.
inline constexpr const char *DeferAnnotation = "cdefer";
inline constexpr const char *ResultAnnotation = "cdefer_result";

/// Whether \p A is the annotation \p Name.
bool hasAnnotation(const clang::Attr *A, llvm::StringRef Name);

struct DeferSite {
  clang::Stmt *Statement; // what stands for `defer S;` in its parent: the
                          // AttributedStmt, or S itself after a label
  clang::Stmt *Deferred;  // S
  clang::SourceLocation Loc;        // the `defer` token, in the user's file
  unsigned Index;                   // source order within the function
  clang::LabelStmt *Label = nullptr; // `L: defer S;`: the label, S's parent
  clang::Stmt *Outlined = nullptr;  // a block with defers of its own: its
                                    // code, now a function's body
                                    // (OutlineDeferred.h)
};

struct FunctionDefers {
  clang::FunctionDecl *Function = nullptr;
  std::vector<DeferSite> Sites;
  clang::VarDecl *Result = nullptr; // the `defer_result` variable, if any
  /// Sites whose deferred block has defers of its own (OutlineDeferred.h).
  std::vector<unsigned> Outlined;
  /// Variables that OpenMP directives name, in clauses or in the code
  /// they apply to: their helpers keep the variable's own place.
  std::vector<std::pair<const clang::VarDecl *, clang::SourceLocation>>
      InOpenMP;
};

/// Returns \p S as a defer site's statement, or null if it is not a `defer`.
clang::AttributedStmt *asDefer(clang::Stmt *S);

/// Returns the label statement if \p S is `L: defer ...`, else null.
clang::LabelStmt *asLabeledDefer(clang::Stmt *S);

/// The call a call-form defer makes at exit (looking through parentheses
/// and casts to void), or null if the deferred statement is not a call:
/// then all of it is evaluated at exit. Builtins that are not library
/// functions take their operands in ways a copy would change, so they are
/// treated as plain expressions.
clang::CallExpr *deferredCall(clang::ASTContext &Ctx, clang::Stmt *Deferred);

/// The atomic operation a defer makes at exit (`defer atomic_store(&f, v);`:
/// <stdatomic.h>'s generic functions are such operations, not calls), or
/// null. Its operands are evaluated at the defer, as a call's arguments.
clang::AtomicExpr *deferredAtomic(clang::Stmt *Deferred);

/// Finds the defers and the result variable of \p FD and reports every misuse
/// of them (the dialect's rule 7). Returns false if it reported an error.
bool collectDefers(clang::Sema &S, clang::FunctionDecl &FD,
                   FunctionDefers &Out);

} // namespace cdefer

#endif
