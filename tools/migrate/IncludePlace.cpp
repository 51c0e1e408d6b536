//===- IncludePlace.cpp - where cdefer-migrate puts #include <cdefer.h> ---===//
#include "IncludePlace.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <string>

namespace cdefer::migrate {
namespace {

/// One line of the file with its comments taken out; a block comment may
/// start on an earlier line and end on a later one.
struct CodeOfLine {
  std::string Code;
  bool EndsInComment = false;
};

/// What the next line starts in.
enum class Carried { Code, BlockComment, LineComment };

/// Whether \p Line ends with a backslash, which splices the next line on.
bool continues(llvm::StringRef Line) {
  return Line.rtrim("\r").ends_with("\\");
}

/// \p Line without its comments, given what it starts in (\p State,
/// updated: a block comment, or a `//` comment that a backslash carried
/// over). String and character literals are kept whole: `#define URL
/// "http://x"` has no comment.
CodeOfLine codeOf(llvm::StringRef Line, Carried &State) {
  CodeOfLine Out;
  if (State == Carried::LineComment) {
    State = continues(Line) ? Carried::LineComment : Carried::Code;
    Out.EndsInComment = State != Carried::Code;
    return Out;
  }
  bool InComment = State == Carried::BlockComment;
  char Quote = 0;
  for (size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I], Next = I + 1 < Line.size() ? Line[I + 1] : 0;
    if (InComment) {
      if (C == '*' && Next == '/')
        InComment = false, ++I, Out.Code += ' ';
    } else if (Quote) {
      Out.Code += C;
      if (C == '\\' && Next)
        Out.Code += Next, ++I;
      else if (C == Quote)
        Quote = 0;
    } else if (C == '/' && Next == '/') {
      if (continues(Line)) {
        State = Carried::LineComment;
        Out.EndsInComment = true;
        return Out;
      }
      break;
    } else if (C == '/' && Next == '*') {
      InComment = true, ++I;
    } else {
      if (C == '"' || C == '\'')
        Quote = C;
      Out.Code += C;
    }
  }
  State = InComment ? Carried::BlockComment : Carried::Code;
  Out.EndsInComment = InComment;
  return Out;
}

/// The directive a preprocessor line \p T (trimmed) starts with: "if",
/// "include"...; "" for another line.
llvm::StringRef directiveOf(llvm::StringRef T) {
  if (!T.consume_front("#"))
    return "";
  T = T.ltrim();
  return T.take_while([](char C) { return llvm::isAlpha(C); });
}

/// The conditionals open at a point, each with whether its code is dead
/// (`#if 0` before any `#else`): text there is no code to stop at.
class Conditionals {
public:
  void see(llvm::StringRef T) {
    llvm::StringRef Name = directiveOf(T);
    if (Name == "if" || Name == "ifdef" || Name == "ifndef") {
      llvm::StringRef Rest = T.drop_front(T.find(Name) + Name.size()).trim();
      Dead.push_back(Name == "if" && Rest == "0");
    } else if ((Name == "else" || Name == "elif") && !Dead.empty()) {
      Dead.back() = false;
    } else if (Name == "endif" && !Dead.empty()) {
      Dead.pop_back();
    }
  }
  bool none() const { return Dead.empty(); }
  bool inDeadCode() const { return llvm::is_contained(Dead, true); }

private:
  llvm::SmallVector<bool, 4> Dead;
};

} // namespace

unsigned includePlace(llvm::StringRef Text) {
  unsigned Offset = 0, Place = 0, AfterComments = 0;
  Carried State = Carried::Code;
  bool Continued = false, Pending = false;
  bool SeenDirective = false;
  Conditionals Open;
  for (llvm::StringRef Line : llvm::split(Text, '\n')) {
    Offset += Line.size() + 1;
    CodeOfLine L = codeOf(Line, State);
    llvm::StringRef T = llvm::StringRef(L.Code).trim();
    bool Directive = Continued || T.starts_with("#");
    if (Directive) {
      if (!Continued)
        Open.see(T);
      Continued = T.ends_with("\\");
      Pending = SeenDirective = true;
    } else if (!T.empty() && !Open.inDeadCode()) {
      break; // the first code
    }
    bool Ends = !Continued && !L.EndsInComment && Open.none();
    if (Pending && Ends)
      Place = Offset, Pending = false;
    if (!SeenDirective && !L.EndsInComment)
      AfterComments = Offset;
  }
  return std::min<unsigned>(Place ? Place : AfterComments, Text.size());
}

} // namespace cdefer::migrate
