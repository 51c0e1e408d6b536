//===- Edits.cpp - text edits of one file, applied and shown as a diff -----===//
#include "Edits.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

namespace cdefer::migrate {
namespace {

/// By offset; edits at the same offset keep their order.
void sortByOffset(std::vector<Edit> &Edits) {
  std::vector<std::pair<size_t, Edit>> Indexed;
  for (size_t I = 0; I < Edits.size(); ++I)
    Indexed.push_back({I, std::move(Edits[I])});
  std::sort(Indexed.begin(), Indexed.end(), [](const auto &A, const auto &B) {
    return A.second.Offset != B.second.Offset ? A.second.Offset < B.second.Offset
                                              : A.first < B.first;
  });
  for (size_t I = 0; I < Edits.size(); ++I)
    Edits[I] = std::move(Indexed[I].second);
}

std::vector<llvm::StringRef> lines(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Out;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    Out.push_back(Text.substr(0, End == llvm::StringRef::npos ? End : End + 1));
    Text = End == llvm::StringRef::npos ? "" : Text.substr(End + 1);
  }
  return Out;
}

unsigned lineOf(llvm::StringRef Text, unsigned Offset) {
  return std::count(Text.begin(), Text.begin() + Offset, '\n');
}

/// Lines [First, Last) of the original that the edits change, merged when
/// their contexts touch.
struct Range {
  unsigned First, Last;
};

std::vector<Range> changedRanges(llvm::StringRef Original,
                                 const std::vector<Edit> &Edits) {
  std::vector<Range> Out;
  for (const Edit &E : Edits) {
    unsigned First = lineOf(Original, E.Offset);
    unsigned Last = lineOf(Original, E.Offset + E.Length) + 1;
    if (!Out.empty() && First <= Out.back().Last + 6)
      Out.back().Last = std::max(Out.back().Last, Last);
    else
      Out.push_back({First, Last});
  }
  return Out;
}

void addLine(std::string &Out, char Mark, llvm::StringRef L) {
  Out += Mark;
  Out += L.str();
  if (!L.ends_with("\n"))
    Out += "\n\\ No newline at end of file\n";
}

void addLines(std::string &Out, char Mark, llvm::ArrayRef<llvm::StringRef> Ls) {
  for (llvm::StringRef L : Ls)
    addLine(Out, Mark, L);
}

/// The lines of \p Old and \p New, as a shortest edit script: longest
/// common subsequence, which is quadratic, but a hunk is one function.
void addChanges(std::string &Out, llvm::ArrayRef<llvm::StringRef> Old,
                llvm::ArrayRef<llvm::StringRef> New) {
  size_t N = Old.size(), M = New.size();
  std::vector<std::vector<unsigned>> Common(N + 1,
                                            std::vector<unsigned>(M + 1, 0));
  for (size_t I = N; I-- > 0;)
    for (size_t J = M; J-- > 0;)
      Common[I][J] = Old[I] == New[J]
                         ? Common[I + 1][J + 1] + 1
                         : std::max(Common[I + 1][J], Common[I][J + 1]);
  size_t I = 0, J = 0;
  while (I < N || J < M) {
    if (I < N && J < M && Old[I] == New[J]) {
      addLine(Out, ' ', Old[I++]);
      ++J;
    } else if (I < N && (J == M || Common[I + 1][J] >= Common[I][J + 1])) {
      addLine(Out, '-', Old[I++]);
    } else {
      addLine(Out, '+', New[J++]);
    }
  }
}

} // namespace

unsigned lineStart(llvm::StringRef Text, unsigned Offset) {
  while (Offset > 0 && Text[Offset - 1] != '\n')
    --Offset;
  return Offset;
}

namespace {
struct Comment {
  unsigned Begin, End;
};

/// The comments in [From, To) of \p Text, which holds only blanks,
/// comments and directives between two statements.
std::vector<Comment> commentsBetween(llvm::StringRef Text, unsigned From,
                                     unsigned To) {
  std::vector<Comment> Out;
  for (unsigned I = From; I + 1 < To;) {
    llvm::StringRef Rest = Text.substr(I);
    size_t End;
    if (Rest.starts_with("/*"))
      End = Rest.find("*/", 2) + 2;
    else if (Rest.starts_with("//"))
      End = Rest.find('\n');
    else {
      ++I;
      continue;
    }
    End = End == llvm::StringRef::npos || End < 2 ? Text.size() - I : End;
    Out.push_back({I, unsigned(I + End)});
    I += End;
  }
  return Out;
}
} // namespace

unsigned aboveItsComments(llvm::StringRef Text, unsigned PrevEnd,
                          unsigned LineStart) {
  std::vector<Comment> Comments = commentsBetween(Text, PrevEnd, LineStart);
  unsigned At = LineStart;
  for (auto It = Comments.rbegin(); It != Comments.rend(); ++It) {
    // Each ends on the line above, and starts a line of its own after the
    // previous statement's: not one that trails code, nor one past a
    // blank line.
    llvm::StringRef Between = Text.slice(It->End, At);
    unsigned Start = lineStart(Text, It->Begin);
    if (!Between.trim().empty() || Between.count('\n') > 1 ||
        Start < PrevEnd || !Text.slice(Start, It->Begin).trim().empty())
      break;
    At = Start;
  }
  return At;
}

void matchLineEndings(llvm::StringRef Original, std::vector<Edit> &Edits) {
  size_t FirstEnd = Original.find('\n');
  if (FirstEnd == llvm::StringRef::npos || FirstEnd == 0 ||
      Original[FirstEnd - 1] != '\r')
    return;
  for (Edit &E : Edits) {
    std::string Text;
    for (size_t I = 0; I < E.Text.size(); ++I) {
      if (E.Text[I] == '\n' && (I == 0 || E.Text[I - 1] != '\r'))
        Text += '\r';
      Text += E.Text[I];
    }
    E.Text = std::move(Text);
  }
}

bool startsLine(llvm::StringRef Text, unsigned Offset) {
  unsigned Start = lineStart(Text, Offset);
  return Text.substr(Start, Offset - Start).trim().empty();
}

std::string applyEdits(llvm::StringRef Original, std::vector<Edit> Edits) {
  sortByOffset(Edits);
  std::string Out;
  unsigned At = 0;
  for (const Edit &E : Edits) {
    Out += Original.substr(At, E.Offset - At).str();
    Out += E.Text;
    At = E.Offset + E.Length;
  }
  Out += Original.substr(At).str();
  return Out;
}

std::string unifiedDiff(llvm::StringRef Path, llvm::StringRef Original,
                        std::vector<Edit> Edits) {
  sortByOffset(Edits);
  std::vector<llvm::StringRef> Old = lines(Original);
  std::string Out = "--- " + Path.str() + "\n+++ " + Path.str() + "\n";
  int Shift = 0; // lines the new file has gained before this hunk
  for (const Range &R : changedRanges(Original, Edits)) {
    unsigned First = R.First >= 3 ? R.First - 3 : 0;
    unsigned Last = std::min<unsigned>(R.Last + 3, Old.size());
    unsigned Changed = std::min<unsigned>(R.Last, Old.size());
    // The changed lines, rewritten by the edits that fall in them.
    unsigned Begin = 0;
    for (unsigned I = 0; I < R.First; ++I)
      Begin += Old[I].size();
    unsigned End = Begin;
    for (unsigned I = R.First; I < Changed; ++I)
      End += Old[I].size();
    std::vector<Edit> Inside;
    for (const Edit &E : Edits)
      if (E.Offset >= Begin && E.Offset <= End)
        Inside.push_back({E.Offset - Begin, E.Length, E.Text});
    std::string NewText =
        applyEdits(Original.substr(Begin, End - Begin), Inside);
    std::vector<llvm::StringRef> New = lines(NewText);
    unsigned OldCount = Last - First;
    unsigned NewCount = OldCount - (Changed - R.First) + New.size();
    Out += "@@ -" + std::to_string(First + 1) + "," + std::to_string(OldCount) +
           " +" + std::to_string(First + 1 + Shift) + "," +
           std::to_string(NewCount) + " @@\n";
    addLines(Out, ' ', llvm::ArrayRef(Old).slice(First, R.First - First));
    addChanges(Out, llvm::ArrayRef(Old).slice(R.First, Changed - R.First), New);
    addLines(Out, ' ', llvm::ArrayRef(Old).slice(Changed, Last - Changed));
    Shift += int(New.size()) - int(Changed - R.First);
  }
  return Out;
}

} // namespace cdefer::migrate
