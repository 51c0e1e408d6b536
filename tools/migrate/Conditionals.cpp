//===- Conditionals.cpp - the preprocessor conditionals of a file ---------===//
#include "Conditionals.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"

using namespace clang;

namespace cdefer::migrate {
namespace {

class Recorder : public PPCallbacks {
public:
  Recorder(const SourceManager &SM, std::vector<SourceLocation> &Directives)
      : SM(SM), Directives(Directives) {}

  void If(SourceLocation Loc, SourceRange, ConditionValueKind) override {
    note(Loc);
  }
  void Elif(SourceLocation Loc, SourceRange, ConditionValueKind,
            SourceLocation) override {
    note(Loc);
  }
  void Ifdef(SourceLocation Loc, const Token &,
             const MacroDefinition &) override {
    note(Loc);
  }
  void Elifdef(SourceLocation Loc, const Token &,
               const MacroDefinition &) override {
    note(Loc);
  }
  void Elifdef(SourceLocation Loc, SourceRange, SourceLocation) override {
    note(Loc);
  }
  void Ifndef(SourceLocation Loc, const Token &,
              const MacroDefinition &) override {
    note(Loc);
  }
  void Elifndef(SourceLocation Loc, const Token &,
                const MacroDefinition &) override {
    note(Loc);
  }
  void Elifndef(SourceLocation Loc, SourceRange, SourceLocation) override {
    note(Loc);
  }
  void Else(SourceLocation Loc, SourceLocation) override { note(Loc); }
  void Endif(SourceLocation Loc, SourceLocation) override { note(Loc); }

private:
  const SourceManager &SM;
  std::vector<SourceLocation> &Directives;

  void note(SourceLocation Loc) {
    if (SM.isWrittenInMainFile(Loc))
      Directives.push_back(Loc);
  }
};

} // namespace

std::unique_ptr<PPCallbacks>
Conditionals::recorder(const SourceManager &SM) {
  return std::make_unique<Recorder>(SM, Directives);
}

std::string Conditionals::whyNotIn(const SourceManager &SM,
                                   SourceRange Body) const {
  SourceLocation Begin = SM.getExpansionLoc(Body.getBegin());
  SourceLocation End = SM.getExpansionLoc(Body.getEnd());
  for (SourceLocation D : Directives)
    if (!SM.isBeforeInTranslationUnit(D, Begin) &&
        !SM.isBeforeInTranslationUnit(End, D))
      return "its body has a preprocessor conditional (line " +
             std::to_string(SM.getSpellingLineNumber(D)) +
             "): code of other configurations is not seen";
  return "";
}

} // namespace cdefer::migrate
