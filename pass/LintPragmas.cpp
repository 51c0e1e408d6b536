//===- LintPragmas.cpp - #pragma clang diagnostic for -Wcdefer-<name> ----===//
#include "LintPragmas.h"
#include "Lints.h"

#include "clang/Basic/DiagnosticLex.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include <string>

using namespace clang;

namespace cdefer {
namespace {

constexpr size_t AllLints = size_t(Lint::Count);

/// The first \p Max tokens of the directive whose `#` is at \p Hash, as
/// written (raw: no macro is expanded), up to the end of its line.
std::vector<std::string> directiveWords(Preprocessor &PP, SourceLocation Hash,
                                        size_t Max) {
  const SourceManager &SM = PP.getSourceManager();
  if (!Hash.isFileID())
    return {};
  std::pair<FileID, unsigned> At = SM.getDecomposedLoc(Hash);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(At.first, &Invalid);
  if (Invalid || At.second >= Buffer.size())
    return {};
  Lexer Raw(SM.getLocForStartOfFile(At.first), PP.getLangOpts(),
            Buffer.begin(), Buffer.begin() + At.second, Buffer.end());
  std::vector<std::string> Words;
  Token T;
  while (Words.size() < Max) {
    bool Last = Raw.LexFromRawLexer(T);
    if (T.is(tok::eof) || (T.isAtStartOfLine() && !Words.empty()))
      break;
    Words.push_back(Lexer::getSpelling(T, SM, PP.getLangOpts()));
    if (Last)
      break;
  }
  return Words;
}

/// The words of the `_Pragma("...")` clang is about to read: "#",
/// "pragma", then the string's words, a quoted group kept whole. clang
/// has destringized it into a lexer of its own by now, whatever spelled
/// it (a macro's `_Pragma(#x)`, L"...", the string on another line).
std::vector<std::string> operatorWords(Preprocessor &PP) {
  // A preprocessor lexer is a Lexer (its only kind), without classof.
  auto *Lex = static_cast<Lexer *>(PP.getCurrentLexer());
  if (!Lex)
    return {};
  StringRef Rest(Lex->getBufferLocation(),
                 Lex->getBuffer().end() - Lex->getBufferLocation());
  std::vector<std::string> Words = {"#", "pragma"};
  while (!(Rest = Rest.ltrim()).empty() && Words.size() < 8) {
    bool Quoted = Rest.front() == '"';
    size_t End = Quoted ? Rest.find('"', 1) : Rest.find_first_of(" \t\r\n\"");
    End = End == StringRef::npos ? Rest.size() : End + Quoted;
    Words.push_back(Rest.take_front(End).str());
    Rest = Rest.drop_front(End);
  }
  return Words;
}

std::optional<LintPragmas::State> stateNamed(StringRef Word) {
  if (Word == "ignored")
    return LintPragmas::State::Ignored;
  if (Word == "warning")
    return LintPragmas::State::Warning;
  if (Word == "error" || Word == "fatal")
    return LintPragmas::State::Error;
  return std::nullopt;
}

diag::Severity severityOf(DiagnosticsEngine::Level Level) {
  switch (Level) {
  case DiagnosticsEngine::Ignored:
    return diag::Severity::Ignored;
  case DiagnosticsEngine::Remark:
    return diag::Severity::Remark;
  case DiagnosticsEngine::Error:
    return diag::Severity::Error;
  case DiagnosticsEngine::Fatal:
    return diag::Severity::Fatal;
  default:
    return diag::Severity::Warning;
  }
}

} // namespace

bool LintPragmas::lintNamed(StringRef Group, size_t &Which) {
  if (Group == "cdefer") {
    Which = AllLints;
    return true;
  }
  if (!Group.consume_front("cdefer-"))
    return false;
  for (size_t I = 0; I < AllLints; ++I)
    if (LintSettings::name(Lint(I)) == Group) {
      Which = I;
      return true;
    }
  return false;
}

void LintPragmas::seePragma(Preprocessor &PP, SourceLocation Hash,
                            bool Operator) {
  // # pragma clang|GCC diagnostic push|pop|<state> "-W<group>", or the
  // same in _Pragma("...").
  const SourceManager &SM = PP.getSourceManager();
  std::vector<std::string> W =
      Operator ? operatorWords(PP) : directiveWords(PP, Hash, 6);
  Hash = SM.getExpansionLoc(Hash);
  if (W.size() < 5 || W[0] != "#" || W[1] != "pragma" ||
      (W[2] != "clang" && W[2] != "GCC") || W[3] != "diagnostic")
    return;
  if (W[4] == "push" || W[4] == "pop") {
    Events.push_back({Hash, W[4] == "push" ? Kind::Push : Kind::Pop,
                      AllLints, State::CommandLine});
    return;
  }
  std::optional<State> To = stateNamed(W[4]);
  if (!To || W.size() < 6 || W[5].size() < 2 || W[5].front() != '"' ||
      W[5].back() != '"')
    return;
  StringRef Group = StringRef(W[5]).drop_front().drop_back();
  size_t Which;
  if (!Group.consume_front("-W") || !lintNamed(Group, Which))
    return;
  Events.push_back({Hash, Kind::Set, Which, *To});
  // clang's handler is about to call the group unknown.
  DiagnosticsEngine &D = PP.getDiagnostics();
  if (SilencedLevel < 0) {
    SilencedLevel = D.getDiagnosticLevel(
        diag::warn_pragma_diagnostic_unknown_warning, Hash);
    D.setSeverity(diag::warn_pragma_diagnostic_unknown_warning,
                  diag::Severity::Ignored, Hash);
  }
}

void LintPragmas::seeToken(Preprocessor &PP, SourceLocation At) {
  if (SilencedLevel < 0)
    return;
  PP.getDiagnostics().setSeverity(
      diag::warn_pragma_diagnostic_unknown_warning,
      severityOf(DiagnosticsEngine::Level(SilencedLevel)), At);
  SilencedLevel = -1;
}

LintPragmas::State LintPragmas::at(const SourceManager &SM, size_t Lint,
                                   SourceLocation At) const {
  std::vector<std::vector<State>> Stack(
      1, std::vector<State>(AllLints, State::CommandLine));
  for (const Event &E : Events) {
    if (!SM.isBeforeInTranslationUnit(E.Loc, At))
      break; // events come in the order of the translation unit
    switch (E.What) {
    case Kind::Push:
      Stack.push_back(Stack.back());
      break;
    case Kind::Pop:
      if (Stack.size() > 1)
        Stack.pop_back();
      break;
    case Kind::Set:
      for (size_t I = 0; I < AllLints; ++I)
        if (E.Lint == AllLints || E.Lint == I)
          Stack.back()[I] = E.To;
      break;
    }
  }
  return Stack.back()[Lint];
}

bool LintPragmas::mayTurnOn(size_t Lint) const {
  for (const Event &E : Events)
    if (E.What == Kind::Set && E.To != State::Ignored &&
        (E.Lint == AllLints || E.Lint == Lint))
      return true;
  return false;
}

} // namespace cdefer
