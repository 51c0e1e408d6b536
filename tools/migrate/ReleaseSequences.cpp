//===- ReleaseSequences.cpp - releases repeated before returns, as defers -===//
//
// The other common shape of C cleanup has no label: each return releases
// what has been acquired so far, last first.
//
//   FILE *f = fopen(path, "r");           FILE *f = fopen(path, "r");
//   if (!f)                               if (!f)
//     return -1;                            return -1;
//   char *buf = malloc(n);                defer { fclose(f); }
//   if (!buf) {                           char *buf = malloc(n);
//     fclose(f);                ==>       if (!buf) {
//     return -1;                            return -1;
//   }                                     }
//   int rc = parse(f, buf);               defer { free(buf); }
//   free(buf);                            int rc = parse(f, buf);
//   fclose(f);                            return rc;
//   return rc;
//
// A release is a statement `release(x);`, x a local variable or parameter,
// standing right before a return (or the end of a void function). Each
// distinct release becomes `defer { release(x); }` (a block: it passes x
// as it is at exit, as the returns did), placed after the last top-level
// statement with a return that does not release it and before the first
// with one that does. It keeps the behaviour when:
//   - such a place exists for every release, after x's declaration;
//   - every return releases what it releases in the order the defers
//     would (last deferred first);
//   - the released variables appear nowhere else as such a release, and
//     no returned value reads them, calls a function, reads a global, a
//     static or memory through a pointer, or reads a local whose address
//     the function takes (the returns now evaluate their value before the
//     releases run, and a release may change what the value reads through
//     a pointer it was given or that was stored earlier:
//     `p = parser_open(path, &errors)` ... `parser_close(p); return errors;`).
//
//===----------------------------------------------------------------------===//
#include "ReleaseSequences.h"
#include "LeftAlone.h"
#include "Places.h"
#include "ReturnValues.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include <algorithm>
#include <map>

using namespace clang;

namespace cdefer::migrate {
namespace {

/// `release(x);`
struct Release {
  const Stmt *Statement;
  const FunctionDecl *Callee;
  const VarDecl *Var;
  bool operator<(const Release &O) const {
    return std::tie(Callee, Var) < std::tie(O.Callee, O.Var);
  }
};

using Key = std::pair<const FunctionDecl *, const VarDecl *>;

/// A way out of the function, and the releases just before it.
struct Exit {
  const Stmt *At;       // the return, or null: the end of the function
  unsigned TopLevel;    // the top-level statement it is in
  std::vector<Release> Releases; // in the order they run
};

std::optional<Release> asRelease(const Stmt *S) {
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call || Call->getNumArgs() != 1 || !Call->getDirectCallee())
    return std::nullopt;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage())
    return std::nullopt;
  return Release{S, Call->getDirectCallee(), Var};
}

class Planner {
public:
  Planner(ASTContext &Ctx, const FunctionDecl &FD, const Conditionals &Conds)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), FD(FD),
        Body(dyn_cast_or_null<CompoundStmt>(FD.getBody())),
        Parents(FD.getBody()), Conds(Conds) {}

  bool plan(Migration &Out) {
    if (!Body || Body->body_empty() || hasGotos(Body) ||
        !Body->getBeginLoc().isFileID())
      return false;
    findExits(Body);
    if (FD.getReturnType()->isVoidType() && !isa<ReturnStmt>(Body->body_back()))
      addExit(Body, nullptr, Body->size());
    keepRepeatedReleases();
    unsigned WithReleases = 0;
    for (const Exit &E : Exits)
      WithReleases += !E.Releases.empty();
    if (WithReleases < 2)
      return false; // not the repeated idiom
    std::string Why = check();
    if (!Why.empty()) {
      Out.Report = FD.getNameAsString() + ": left alone: " + Why;
      return true;
    }
    edit(Out.Edits);
    unsigned Removed = 0;
    for (const Exit &E : Exits)
      Removed += E.Releases.size();
    Out.Report = FD.getNameAsString() + ": migrated: " +
                 std::to_string(Removed) + " releases before " +
                 std::to_string(WithReleases) + " returns became " +
                 std::to_string(Order.size()) +
                 (Order.size() == 1 ? " defer" : " defers");
    return true;
  }

private:
  const ASTContext &Ctx;
  const SourceManager &SM;
  const FunctionDecl &FD;
  const CompoundStmt *Body;
  ParentMap Parents;
  const Conditionals &Conds;
  std::vector<Exit> Exits;
  std::map<Key, unsigned> Place; // each release: where its defer goes
  std::vector<Key> Order;        // the defers, in source order
  Escapes Escaped;               // locals a release may change unnamed

  static bool hasGotos(const Stmt *S) {
    if (!S)
      return false;
    if (isa<GotoStmt, IndirectGotoStmt, LabelStmt>(S))
      return true;
    for (const Stmt *Child : S->children())
      if (hasGotos(Child))
        return true;
    return false;
  }

  unsigned topLevelOf(SourceLocation L) const {
    for (unsigned I = 0; I < Body->size(); ++I)
      if (!SM.isBeforeInTranslationUnit(Body->body_begin()[I]->getEndLoc(), L))
        return I;
    return Body->size();
  }

  void findExits(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      for (unsigned I = 0; I < Block->size(); ++I)
        if (isa<ReturnStmt>(Block->body_begin()[I]))
          addExit(Block, Block->body_begin()[I], I);
    } else if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      if (!isa_and_nonnull<CompoundStmt>(Parents.getParent(R)))
        Exits.push_back({R, topLevelOf(R->getBeginLoc()), {}});
    }
    for (const Stmt *Child : S->children())
      findExits(Child);
  }

  /// The exit at position \p I of \p Block (I == size: its end), with the
  /// releases right before it.
  void addExit(const CompoundStmt *Block, const Stmt *At, unsigned I) {
    Exit E{At, At ? topLevelOf(At->getBeginLoc()) : Body->size(), {}};
    for (unsigned J = I; J-- > 0;) {
      std::optional<Release> R = asRelease(Block->body_begin()[J]);
      if (!R)
        break;
      E.Releases.insert(E.Releases.begin(), *R);
    }
    Exits.push_back(E);
  }

  /// A release is a call made before more than one return; one made
  /// before a single return (`puts(s);` at the end) is ordinary code, and
  /// so is everything before it.
  void keepRepeatedReleases() {
    for (bool Changed = true; Changed;) {
      Changed = false;
      std::map<Key, unsigned> Count;
      for (const Exit &E : Exits)
        for (const Release &R : E.Releases)
          ++Count[{R.Callee, R.Var}];
      for (Exit &E : Exits)
        for (size_t I = E.Releases.size(); I-- > 0;)
          if (Count[{E.Releases[I].Callee, E.Releases[I].Var}] < 2) {
            E.Releases.erase(E.Releases.begin(), E.Releases.begin() + I + 1);
            Changed = true;
            break;
          }
    }
  }

  std::string check() {
    if (std::string Why = whyLeftAlone(Ctx, *Body, Conds); !Why.empty())
      return Why;
    llvm::DenseSet<const Stmt *> InSequences;
    std::map<Key, std::vector<const Exit *>> Releasing;
    for (const Exit &E : Exits)
      for (const Release &R : E.Releases) {
        InSequences.insert(R.Statement);
        Releasing[{R.Callee, R.Var}].push_back(&E);
      }
    if (std::string Why = releasedElsewhere(Body, Releasing, InSequences);
        !Why.empty())
      return Why;
    for (const auto &[K, With] : Releasing)
      if (std::string Why = place(K, With); !Why.empty())
        return Why;
    sortDefers();
    Escaped = findEscapes(Body);
    for (const Exit &E : Exits)
      if (std::string Why = checkExit(E); !Why.empty())
        return Why;
    for (const auto &[K, Top] : Place)
      if (Top < Body->size() && !startsItsLine(Body->body_begin()[Top]))
        return "the statement a defer would go before (line " +
               std::to_string(SM.getExpansionLineNumber(
                   Body->body_begin()[Top]->getBeginLoc())) +
               ") shares its line with the one before it";
    return "";
  }

  std::string releasedElsewhere(const Stmt *S,
                                const std::map<Key, std::vector<const Exit *>> &R,
                                const llvm::DenseSet<const Stmt *> &In) const {
    if (!S)
      return "";
    if (std::optional<Release> Rel = asRelease(S);
        Rel && !In.count(S) && R.count({Rel->Callee, Rel->Var}))
      return "it also calls '" + Rel->Callee->getNameAsString() + "(" +
             Rel->Var->getNameAsString() + ")' before something else than a "
             "return";
    for (const Stmt *Child : S->children())
      if (std::string Why = releasedElsewhere(Child, R, In); !Why.empty())
        return Why;
    return "";
  }

  /// After the last top-level statement with an exit that does not
  /// release \p K, before every one that does, after its declaration.
  std::string place(Key K, const std::vector<const Exit *> &With) {
    unsigned At = 0;
    const VarDecl *V = K.second;
    if (!isa<ParmVarDecl>(V)) {
      unsigned Decl = topLevelOf(V->getLocation());
      if (Decl == Body->size() || !isa<DeclStmt>(Body->body_begin()[Decl]))
        return "'" + V->getNameAsString() +
               "' is not declared in the function's outermost block";
      At = Decl + 1;
    }
    for (const Exit &E : Exits)
      if (!llvm::is_contained(With, &E))
        At = std::max(At, E.TopLevel + 1);
    At = pastDeclarations(*Body, At, Body->size());
    for (const Exit *E : With)
      if (E->TopLevel < At)
        return "some returns release '" + V->getNameAsString() +
               "' and others after them do not";
    Place[K] = At;
    return "";
  }

  /// By place; releases deferred at the same place in the reverse of the
  /// order the returns ran them.
  void sortDefers() {
    for (const auto &[K, At] : Place)
      Order.push_back(K);
    auto RunsAfter = [&](Key A, Key B) { // A released after B somewhere
      for (const Exit &E : Exits) {
        int PA = -1, PB = -1;
        for (unsigned I = 0; I < E.Releases.size(); ++I) {
          Key K{E.Releases[I].Callee, E.Releases[I].Var};
          if (K == A)
            PA = I;
          if (K == B)
            PB = I;
        }
        if (PA >= 0 && PB >= 0)
          return PA > PB;
      }
      return false;
    };
    // Insertion sort: the order of releases at one place is partial.
    for (size_t I = 1; I < Order.size(); ++I)
      for (size_t J = I; J > 0; --J) {
        Key A = Order[J - 1], B = Order[J];
        bool Swap = Place[A] != Place[B] ? Place[B] < Place[A]
                                         : RunsAfter(B, A);
        if (!Swap)
          break;
        std::swap(Order[J - 1], Order[J]);
      }
  }

  std::string checkExit(const Exit &E) {
    // What the defers run at this exit, last deferred first.
    std::vector<Key> Runs;
    for (Key K : Order)
      if (Place[K] <= E.TopLevel)
        Runs.insert(Runs.begin(), K);
    std::vector<Key> Released;
    for (const Release &R : E.Releases)
      Released.push_back({R.Callee, R.Var});
    if (Runs != Released)
      return "its returns release in orders that defers cannot all keep";
    const auto *R = dyn_cast_or_null<ReturnStmt>(E.At);
    if (R && R->getRetValue() && !Released.empty()) {
      for (const Release &Rel : E.Releases)
        if (reads(R->getRetValue(), Rel.Var))
          return "a return's value reads '" + Rel.Var->getNameAsString() +
                 "', which is released before it";
      if (std::string Why = whyValueMayDependOnCleanup(R->getRetValue());
          !Why.empty())
        return "a return's value " + Why +
               ", and would now be evaluated before the releases";
      if (std::string Why =
              whyValueReadsEscaped(R->getRetValue(), Escaped, SM);
          !Why.empty())
        return "a return's value " + Why +
               ", and the releases may change it through that";
    }
    for (const Release &Rel : E.Releases)
      if (!aloneOnItsLine(Rel.Statement))
        return "a release shares its line with other code";
    return "";
  }

  static bool reads(const Stmt *S, const VarDecl *V) {
    if (!S)
      return false;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == V)
      return true;
    for (const Stmt *Child : S->children())
      if (reads(Child, V))
        return true;
    return false;
  }

  // --- Edits. ---

  llvm::StringRef buffer() const {
    return SM.getBufferData(SM.getFileID(SM.getExpansionLoc(Body->getBeginLoc())));
  }

  /// Where \p L is in the file: a statement that starts with a macro
  /// starts where the macro is written.
  unsigned offset(SourceLocation L) const {
    return SM.getFileOffset(SM.getExpansionLoc(L));
  }

  unsigned lineStart(unsigned Off) const {
    return migrate::lineStart(buffer(), Off);
  }

  unsigned nextLine(unsigned Off) const {
    size_t End = buffer().find('\n', Off);
    return End == llvm::StringRef::npos ? buffer().size() : End + 1;
  }

  /// Only blanks come before \p S on its line.
  bool startsItsLine(const Stmt *S) const {
    return startsLine(buffer(), offset(S->getBeginLoc()));
  }

  /// The statement's `;` is the last token of its line, and only blanks
  /// come before it.
  bool aloneOnItsLine(const Stmt *S) const {
    if (!S->getBeginLoc().isFileID() || !S->getEndLoc().isFileID())
      return false;
    unsigned Begin = SM.getFileOffset(S->getBeginLoc());
    if (!startsLine(buffer(), Begin))
      return false;
    unsigned Semi = buffer().find(';', SM.getFileOffset(S->getEndLoc()));
    unsigned End = nextLine(Begin);
    return Semi < End &&
           buffer().substr(Semi + 1, End - Semi - 1).trim().empty();
  }

  std::string indentAt(unsigned Top) const {
    const Stmt *S = Top < Body->size() ? Body->body_begin()[Top]
                                       : Body->body_back();
    unsigned Begin = lineStart(offset(S->getBeginLoc()));
    unsigned End = Begin;
    while (End < buffer().size() && (buffer()[End] == ' ' || buffer()[End] == '\t'))
      ++End;
    return buffer().substr(Begin, End - Begin).str();
  }

  /// Where the removal of exit \p E's releases, whose first line starts at
  /// \p Start, begins: with the comments just above them where they end
  /// the function, since nothing is left there for those to describe.
  unsigned withItsComments(const Exit &E, unsigned Start) const {
    if (E.At)
      return Start;
    const Stmt *First = E.Releases.front().Statement;
    auto Top = llvm::find(Body->body(), First);
    if (Top == Body->body_end())
      return Start;
    unsigned Index = Top - Body->body_begin();
    unsigned Begin = aboveItsComments(
        buffer(), endOfStatementBefore(*Body, Index, SM, Ctx.getLangOpts()),
        Start);
    // And the blank lines that separated them from the code before: the
    // '}' follows that code now.
    while (Begin > 0) {
      unsigned Previous = lineStart(Begin - 1);
      if (!buffer().slice(Previous, Begin).trim().empty())
        break;
      Begin = Previous;
    }
    return Begin;
  }

  void edit(std::vector<Edit> &Edits) {
    for (const Exit &E : Exits)
      for (const Release &R : E.Releases) {
        unsigned Start = lineStart(offset(R.Statement->getBeginLoc()));
        unsigned End = nextLine(Start);
        if (&R == &E.Releases.front())
          Start = withItsComments(E, Start);
        Edits.push_back({Start, End - Start, ""});
      }
    for (Key K : Order) {
      unsigned Top = Place[K];
      unsigned At = Top < Body->size()
                        ? lineStart(offset(Body->body_begin()[Top]->getBeginLoc()))
                        : lineStart(offset(Body->getRBracLoc()));
      At = aboveItsComments(
          buffer(), endOfStatementBefore(*Body, Top, SM, Ctx.getLangOpts()), At);
      Edits.push_back({At, 0,
                       indentAt(Top) + "defer { " +
                           K.first->getNameAsString() + "(" +
                           K.second->getNameAsString() + "); }\n"});
    }
  }
};

} // namespace

bool planReleaseMigration(ASTContext &Ctx, const FunctionDecl &FD,
                          const Conditionals &Conds, Migration &Out) {
  return Planner(Ctx, FD, Conds).plan(Out);
}

} // namespace cdefer::migrate
