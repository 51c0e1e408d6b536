//===- Conditionals.cpp - the preprocessor conditionals of a file ---------===//
#include "Conditionals.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Token.h"

using namespace clang;

namespace cdefer::migrate {
namespace {

class Recorder : public PPCallbacks {
public:
  Recorder(const SourceManager &SM, std::vector<SourceLocation> &Directives,
           std::vector<SourceLocation> &MacroChanges)
      : SM(SM), Directives(Directives), MacroChanges(MacroChanges) {}

  void MacroDefined(const Token &Name, const MacroDirective *) override {
    note(Name.getLocation(), MacroChanges);
  }
  void MacroUndefined(const Token &Name, const MacroDefinition &,
                      const MacroDirective *) override {
    note(Name.getLocation(), MacroChanges);
  }

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
  std::vector<SourceLocation> &Directives, &MacroChanges;

  void note(SourceLocation Loc) { note(Loc, Directives); }
  void note(SourceLocation Loc, std::vector<SourceLocation> &Into) {
    if (SM.isWrittenInMainFile(Loc))
      Into.push_back(Loc);
  }
};

} // namespace

std::unique_ptr<PPCallbacks>
Conditionals::recorder(const SourceManager &SM) {
  return std::make_unique<Recorder>(SM, Directives, MacroChanges);
}

std::string Conditionals::whyNotIn(const SourceManager &SM,
                                   SourceRange Body) const {
  SourceLocation Begin = SM.getExpansionLoc(Body.getBegin());
  SourceLocation End = SM.getExpansionLoc(Body.getEnd());
  auto Inside = [&](SourceLocation D) {
    return !SM.isBeforeInTranslationUnit(D, Begin) &&
           !SM.isBeforeInTranslationUnit(End, D);
  };
  auto Line = [&](SourceLocation D) {
    return std::to_string(SM.getSpellingLineNumber(D));
  };
  for (SourceLocation D : Directives)
    if (Inside(D))
      return "its body has a preprocessor conditional (line " + Line(D) +
             "): code of other configurations is not seen";
  for (SourceLocation D : MacroChanges)
    if (Inside(D))
      return "its body defines or undefines a macro (line " + Line(D) +
             "): code the edits move across it would expand differently";
  return "";
}

} // namespace cdefer::migrate
