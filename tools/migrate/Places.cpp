//===- Places.cpp - where in a function body the edits go -----------------===//
#include "Places.h"

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace cdefer::migrate {

unsigned endOfStatementBefore(const CompoundStmt &Body, unsigned Index,
                              const SourceManager &SM,
                              const LangOptions &LangOpts) {
  if (Index == 0)
    return SM.getFileOffset(SM.getExpansionLoc(Body.getLBracLoc())) + 1;
  SourceLocation End = SM.getExpansionLoc(Body.body_begin()[Index - 1]->getEndLoc());
  return SM.getFileOffset(Lexer::getLocForEndOfToken(End, 0, SM, LangOpts));
}

unsigned pastDeclarations(const CompoundStmt &Body, unsigned Index,
                          unsigned Limit) {
  while (Index < Limit && isa<DeclStmt>(Body.body_begin()[Index]))
    ++Index;
  return Index;
}

} // namespace cdefer::migrate
