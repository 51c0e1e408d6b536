//===- Edits.h - text edits of one file, applied and shown as a diff -------===//
#ifndef CDEFER_MIGRATE_EDITS_H
#define CDEFER_MIGRATE_EDITS_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace cdefer::migrate {

/// Replace Length bytes at Offset with Text (Length 0: insert).
struct Edit {
  unsigned Offset;
  unsigned Length;
  std::string Text;
};

/// Where the line that holds \p Offset of \p Text begins.
unsigned lineStart(llvm::StringRef Text, unsigned Offset);

/// Whether only blanks stand before \p Offset on its line: an edit of the
/// whole line there takes no other code with it.
bool startsLine(llvm::StringRef Text, unsigned Offset);

/// Where a line inserted before the statement whose line starts at
/// \p LineStart goes, the previous statement (or the block's `{`) ending at
/// \p PrevEnd: above the comments just over the statement, which describe
/// it, up to a blank line, and never inside a comment (one that trails the
/// previous statement stays with it). Between the two there is nothing but
/// blanks, comments and directives.
unsigned aboveItsComments(llvm::StringRef Text, unsigned PrevEnd,
                          unsigned LineStart);

/// \p Edits written with the line endings of \p Original: a file whose
/// lines end in CR LF gets them on the lines the edits insert too (moved
/// lines keep their own).
void matchLineEndings(llvm::StringRef Original, std::vector<Edit> &Edits);

/// \p Original with \p Edits applied; they must not overlap.
std::string applyEdits(llvm::StringRef Original, std::vector<Edit> Edits);

/// A unified diff (`diff -u`, three lines of context) between \p Original
/// and \p Edited, for the file named \p Path, made from \p Edits alone:
/// only the lines they touch differ.
std::string unifiedDiff(llvm::StringRef Path, llvm::StringRef Original,
                        std::vector<Edit> Edits);

} // namespace cdefer::migrate

#endif
