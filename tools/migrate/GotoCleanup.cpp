//===- GotoCleanup.cpp - one function's goto cleanup, as defer ------------===//
//
// The idiom, and what it becomes:
//
//   int f(...) {                          int f(...) {
//     int ret = -1;                         defer_result int ret = -1;
//     char *a = NULL;                       char *a = NULL;
//     FILE *f = NULL;                       FILE *f = NULL;
//     a = malloc(n);                        defer {
//     if (!a) goto out;                       if (f) fclose(f);
//     f = fopen(p, "r");                      free(a);
//     if (!f) goto out;           ==>       }
//     ret = work(a, f);                     a = malloc(n);
//   out:                                    if (!a) return ret;
//     if (f) fclose(f);                     ...
//     free(a);                              ret = work(a, f);
//     return ret;                           return ret;
//   }                                     }
//
// It keeps the function's behaviour when every way out after the defer
// runs the cleanup exactly as before, and nothing before it does:
//   - the function ends with `out: <cleanup> return <value>;` in its
//     outermost block, every goto goes to `out`, and the cleanup itself
//     has no return, goto or label;
//   - the defer goes after the declarations of every variable the cleanup
//     names, and before the first statement that jumps to `out`; a
//     `return` before it skips the cleanup, as it did; one after it would
//     now run the cleanup, so there must be none;
//   - `goto out;` becomes `return <value>;`, which evaluates the value
//     before the cleanup runs: if the cleanup changes the returned
//     variable, or may through its address (taken anywhere in the
//     function: a pointer stored before the cleanup writes it as well),
//     that variable becomes the defer_result (whose final value the
//     function returns); if it changes, or may change, anything else the
//     value reads, the function is left alone, as it is where the value
//     calls a function, reads a global or a static, or reads memory
//     through a pointer (the cleanup may change what it sees), or names
//     something an inner block declares again (the copy at a goto there
//     would read that).
// Anything else is left alone, with the reason.
//
//===----------------------------------------------------------------------===//
#include "GotoCleanup.h"
#include "LeftAlone.h"
#include "Places.h"
#include "ReturnValues.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace cdefer::migrate {
namespace {

/// What a statement tree holds that the plan has to know about.
struct Scan {
  std::vector<const GotoStmt *> Gotos;
  std::vector<const ReturnStmt *> Returns;
  std::vector<const LabelStmt *> Labels;
  bool ComputedGotos = false;
  bool AsmGotos = false;
  llvm::DenseSet<const VarDecl *> Read, Written, Declared;

  void walk(const Stmt *S) {
    if (!S)
      return;
    if (auto *G = dyn_cast<GotoStmt>(S))
      Gotos.push_back(G);
    else if (auto *R = dyn_cast<ReturnStmt>(S))
      Returns.push_back(R);
    else if (auto *L = dyn_cast<LabelStmt>(S))
      Labels.push_back(L);
    else if (isa<IndirectGotoStmt, AddrLabelExpr>(S))
      ComputedGotos = true;
    else if (auto *Asm = dyn_cast<GCCAsmStmt>(S); Asm && Asm->isAsmGoto())
      AsmGotos = true; // its labels are no children
    else if (auto *DS = dyn_cast<DeclStmt>(S))
      declare(DS);
    else if (auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        Read.insert(VD);
    } else if (auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp())
        write(BO->getLHS());
    } else if (auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        write(UO->getSubExpr());
    }
    for (const Stmt *Child : S->children())
      walk(Child);
  }

  void declare(const DeclStmt *DS) {
    for (const Decl *D : DS->decls())
      if (auto *VD = dyn_cast<VarDecl>(D))
        Declared.insert(VD);
  }

  /// `x.f = 0` changes x, as `x = y` does.
  void write(const Expr *E) {
    if (const VarDecl *VD = storageOf(E))
      Written.insert(VD);
  }
};

class Planner {
public:
  Planner(ASTContext &Ctx, const FunctionDecl &FD, const Conditionals &Conds)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), FD(FD),
        Body(dyn_cast_or_null<CompoundStmt>(FD.getBody())), Conds(Conds) {}

  bool plan(Migration &Out) {
    if (!Body)
      return false;
    Whole.walk(Body);
    if (Whole.Gotos.empty())
      return false;
    std::string Why = check();
    if (!Why.empty()) {
      Out.Report = FD.getNameAsString() + ": left alone: " + Why;
      return true;
    }
    edit(Out.Edits);
    Out.Report = FD.getNameAsString() + ": migrated: " +
                 std::to_string(Whole.Gotos.size()) + " 'goto " + labelName() +
                 "' became returns; the cleanup after '" + labelName() +
                 ":' is deferred at line " + std::to_string(deferLine());
    return true;
  }

private:
  ASTContext &Ctx;
  const SourceManager &SM;
  const FunctionDecl &FD;
  const CompoundStmt *Body;
  const Conditionals &Conds;
  Scan Whole, Tail;
  const LabelStmt *Label = nullptr;
  const ReturnStmt *Final = nullptr;
  unsigned LabelIndex = 0, DeferIndex = 0;
  const VarDecl *NamedResult = nullptr; // becomes defer_result

  const Stmt *stmt(unsigned I) const { return Body->body_begin()[I]; }

  /// The end (exclusive) of the cleanup's statements after the label: the
  /// final return, or, where a void function falls off its end, the end.
  unsigned tailEnd() const { return Final ? size() - 1 : size(); }

  /// Where the cleanup's text ends: the final return's line, or the
  /// closing brace's.
  SourceLocation cleanupEndLoc() const {
    return Final ? Final->getBeginLoc() : Body->getRBracLoc();
  }
  unsigned size() const { return Body->size(); }
  std::string labelName() const { return Label->getName(); }

  bool isFile(SourceLocation L) const { return L.isValid() && L.isFileID(); }

  /// Whether \p R is text of the file, macros whole in it included
  /// (`return NULL;`): what a copy of it at each goto means the same.
  bool inFileText(SourceRange R) const {
    return Lexer::makeFileCharRange(CharSourceRange::getTokenRange(R), SM,
                                    Ctx.getLangOpts())
        .isValid();
  }

  unsigned indexOf(const Stmt *S) const {
    for (unsigned I = 0; I < size(); ++I)
      if (stmt(I) == S)
        return I;
    return size();
  }

  /// The top-level statement \p S is in, by source position.
  unsigned topLevelOf(SourceLocation L) const {
    for (unsigned I = 0; I < size(); ++I)
      if (!SM.isBeforeInTranslationUnit(stmt(I)->getEndLoc(), L))
        return I;
    return size();
  }

  std::string check() {
    if (Whole.ComputedGotos)
      return "it has computed gotos";
    // An asm goto's jump to the cleanup label cannot become a return.
    if (Whole.AsmGotos)
      return "it has an asm goto";
    llvm::SmallPtrSet<const LabelDecl *, 4> Targets;
    for (const GotoStmt *G : Whole.Gotos)
      Targets.insert(G->getLabel());
    if (Targets.size() != 1)
      return "its gotos go to several labels (a chain of cleanups)";
    Label = (*Targets.begin())->getStmt();
    LabelIndex = indexOf(Label);
    if (LabelIndex == size())
      return "'" + labelName() + ":' is not in the function's outermost block";
    Final = dyn_cast<ReturnStmt>(Body->body_back());
    if (Body->body_back() == Label && isa<ReturnStmt>(Label->getSubStmt()))
      return "nothing to defer: '" + labelName() + ":' is followed by its "
             "'return' alone (make each 'goto " + labelName() +
             ";' that 'return')";
    // A void function may fall off its end after the cleanup: each goto
    // becomes `return;`, and the cleanup ends at the closing brace.
    if (!Final && !FD.getReturnType()->isVoidType())
      return "it does not end with 'return' after '" + labelName() + ":'";
    if (!Final && LabelIndex + 1 == size() &&
        isa<NullStmt>(Label->getSubStmt()))
      return "nothing to defer: '" + labelName() + ":' ends the function "
             "(make each 'goto " + labelName() + ";' a 'return;')";
    if (std::string Why = whyLeftAlone(Ctx, *Body, Conds); !Why.empty())
      return Why;
    if (!isFile(Label->getBeginLoc()))
      return "'" + labelName() + ":' is written with a macro";
    if (Final &&
        (!isFile(Final->getBeginLoc()) || !inFileText(Final->getSourceRange())))
      return "its final 'return' is written with a macro";
    if (!Final && !isFile(Body->getRBracLoc()))
      return "its closing brace is written with a macro";
    for (const Stmt *S : Body->body())
      if (SM.getFileID(SM.getExpansionLoc(S->getBeginLoc())) !=
          SM.getFileID(Label->getBeginLoc()))
        return "its body is partly in another file";
    for (const GotoStmt *G : Whole.Gotos)
      if (!isFile(G->getBeginLoc()) || !isFile(G->getEndLoc()))
        return "a 'goto " + labelName() + "' is written with a macro";
    Tail.walk(Label->getSubStmt());
    for (unsigned I = LabelIndex + 1; I < tailEnd(); ++I)
      Tail.walk(stmt(I));
    if (!Tail.Gotos.empty() || !Tail.Returns.empty() || !Tail.Labels.empty())
      return "the cleanup itself has a return, a goto or a label";
    if (std::string Why = placeDefer(); !Why.empty())
      return Why;
    if (std::string Why = checkLines(); !Why.empty())
      return Why;
    return checkResult();
  }

  /// After the declarations of what the cleanup names, before the first
  /// jump to it, with no return after it but the last.
  std::string placeDefer() {
    for (const VarDecl *V : Tail.Read) {
      // The cleanup's own (`for (int i = 0; ...)`) move with it; a static
      // local must be declared before the defer as any other.
      if (!V->isLocalVarDecl() || Tail.Declared.count(V))
        continue;
      unsigned At = topLevelOf(V->getLocation());
      if (At >= LabelIndex || !isa<DeclStmt>(stmt(At)))
        return "the cleanup uses '" + V->getNameAsString() +
               "', which is not declared in the outermost block before it";
      DeferIndex = std::max(DeferIndex, At + 1);
    }
    // After the returns that come before any goto: they leave before the
    // resources are taken, and skip the cleanup, as they did.
    unsigned FirstGoto = size();
    for (const GotoStmt *G : Whole.Gotos)
      FirstGoto = std::min(FirstGoto, topLevelOf(G->getBeginLoc()));
    for (const ReturnStmt *R : Whole.Returns)
      if (unsigned At = topLevelOf(R->getBeginLoc()); R != Final && At < FirstGoto)
        DeferIndex = std::max(DeferIndex, At + 1);
    DeferIndex = pastDeclarations(*Body, DeferIndex, LabelIndex);
    for (const GotoStmt *G : Whole.Gotos)
      if (topLevelOf(G->getBeginLoc()) < DeferIndex)
        return "a 'goto " + labelName() + "' comes before the declarations "
               "the cleanup needs";
    for (const ReturnStmt *R : Whole.Returns)
      if (R != Final && topLevelOf(R->getBeginLoc()) >= DeferIndex)
        return "a 'return' before '" + labelName() +
               ":' skips the cleanup, which a defer would run";
    return "";
  }

  /// The edits move whole lines: the label, the final return and the
  /// statement the defer goes before each start a line of their own
  /// (`} out:` would lose the brace, `free(p); return r;` would take the
  /// return into the defer, `int *p = 0; p = get();` would defer before p).
  std::string checkLines() const {
    if (!startsItsLine(Label->getBeginLoc()))
      return "'" + labelName() + ":' shares its line with the code before it";
    if (!startsItsLine(cleanupEndLoc()))
      return Final ? "the final 'return' shares its line with the cleanup"
                   : "the closing brace shares its line with the cleanup";
    if (!startsItsLine(stmt(DeferIndex)->getBeginLoc()))
      return "the statement the defer would go before (line " +
             std::to_string(deferLine()) +
             ") shares its line with the one before it";
    return "";
  }

  bool startsItsLine(SourceLocation L) const {
    return startsLine(bufferOf(L), offset(L));
  }

  /// `return v;` now evaluates v before the cleanup runs.
  std::string checkResult() {
    const Expr *Value = Final ? Final->getRetValue() : nullptr;
    if (!Value)
      return "";
    if (std::string Why = whyNameIsShadowed(Value, FD); !Why.empty())
      return Why;
    Scan Reads;
    Reads.walk(Value);
    for (const VarDecl *Read : Reads.Read)
      if (Tail.Declared.count(Read))
        return "the returned value reads '" + Read->getNameAsString() +
               "', which the cleanup declares: it would not exist at the "
               "returns that replace the gotos";
    if (std::string Why = whyValueMayDependOnCleanup(Value); !Why.empty())
      return "the returned value " + Why +
             ", and would now be evaluated before the cleanup";
    // A variable whose address is taken anywhere may be changed by the
    // cleanup through a pointer stored earlier (`w.status = &rc`), with no
    // write to it that the cleanup's text shows.
    Escapes Escaped = findEscapes(Body);
    const auto *Ref = dyn_cast<DeclRefExpr>(Value->IgnoreParenImpCasts());
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (V && (Tail.Written.count(V) || Escaped.count(V)))
      return nameResult(V, Escaped);
    for (const VarDecl *Read : Reads.Read)
      if (Tail.Written.count(Read))
        return "the cleanup changes '" + Read->getNameAsString() +
               "', which the returned value reads";
    if (std::string Why = whyValueReadsEscaped(Value, Escaped, SM);
        !Why.empty())
      return "the returned value " + Why +
             ", and the cleanup may change it through that";
    return "";
  }

  /// `return v;` where the cleanup changes v, or may through its address:
  /// v becomes the defer_result, whose value after the cleanup the
  /// function returns, as it did.
  std::string nameResult(const VarDecl *V, const Escapes &Escaped) {
    const auto *Decl = dyn_cast<DeclStmt>(stmt(topLevelOf(V->getLocation())));
    if (V->isLocalVarDecl() && !V->isStaticLocal() && Decl &&
        Decl->isSingleDecl() &&
        Ctx.hasSameUnqualifiedType(V->getType(), FD.getReturnType())) {
      NamedResult = V;
      return "";
    }
    if (Tail.Written.count(V))
      return "the cleanup changes '" + V->getNameAsString() +
             "', which cannot be the function's defer_result (" +
             whyNotResult(V, Decl) + ")";
    return "the cleanup may change " + describeEscape(V, Escaped, SM) +
           ", and which cannot be the function's defer_result (" +
           whyNotResult(V, Decl) + ")";
  }

  std::string whyNotResult(const VarDecl *V, const DeclStmt *Decl) const {
    if (isa<ParmVarDecl>(V))
      return "it is a parameter";
    if (V->isStaticLocal() || !V->isLocalVarDecl())
      return "it is not a local variable of the function";
    if (!Decl)
      return "it is declared in an inner block";
    if (!Decl->isSingleDecl())
      return "it is declared with others: give it a declaration of its own";
    return "its type is not the function's return type";
  }

  // --- Edits. ---

  /// Where \p L is in the file: a statement that starts with a macro
  /// (`va_copy(...)`) starts where the macro is written.
  unsigned offset(SourceLocation L) const {
    return SM.getFileOffset(SM.getExpansionLoc(L));
  }

  llvm::StringRef bufferOf(SourceLocation L) const {
    return SM.getBufferData(SM.getFileID(SM.getExpansionLoc(L)));
  }

  unsigned lineStart(SourceLocation L) const {
    return migrate::lineStart(bufferOf(L), offset(L));
  }

  llvm::StringRef text(SourceRange R) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM,
                                Ctx.getLangOpts());
  }

  std::string indentOf(const Stmt *S) const {
    llvm::StringRef Buffer = bufferOf(S->getBeginLoc());
    unsigned Start = lineStart(S->getBeginLoc());
    unsigned End = Start;
    while (End < Buffer.size() && (Buffer[End] == ' ' || Buffer[End] == '\t'))
      ++End;
    return Buffer.substr(Start, End - Start).str();
  }

  unsigned deferLine() const {
    return SM.getExpansionLineNumber(stmt(DeferIndex)->getBeginLoc());
  }

  unsigned endBefore(unsigned Index) const {
    return endOfStatementBefore(*Body, Index, SM, Ctx.getLangOpts());
  }

  /// Where the label's line starts, or the comments over it that describe
  /// the cleanup (they go with it).
  unsigned labelCommentsStart(llvm::StringRef Buffer) const {
    return aboveItsComments(Buffer, endBefore(LabelIndex),
                            lineStart(Label->getBeginLoc()));
  }

  /// defer {
  ///   <the cleanup, one level deeper>
  /// }
  std::string deferredCleanup(llvm::StringRef Buffer) const {
    const Stmt *First = Label->getSubStmt();
    unsigned From = offset(First->getBeginLoc());
    if (isa<NullStmt>(First)) // `out: ;`
      From = lineStart(stmt(LabelIndex + 1)->getBeginLoc());
    // Comments on the lines between the label and the code go along, and
    // so does one after the label on its own line (`out: /* ... */`).
    size_t LabelLineEnd = Buffer.find('\n', offset(Label->getBeginLoc()));
    llvm::StringRef OnLabelLine;
    if (LabelLineEnd != llvm::StringRef::npos && LabelLineEnd < From) {
      size_t Colon = Buffer.find(':', offset(Label->getIdentLoc()));
      if (Colon < LabelLineEnd) // `out: ; /* ... */` too
        OnLabelLine = Buffer.slice(Colon + 1, LabelLineEnd).ltrim(" \t;").rtrim();
      From = LabelLineEnd + 1;
    }
    unsigned CommentsFrom = labelCommentsStart(Buffer);
    llvm::StringRef Above =
        Buffer.slice(CommentsFrom, lineStart(Label->getBeginLoc()));
    llvm::StringRef Cleanup =
        Buffer.substr(From, lineStart(cleanupEndLoc()) - From);
    std::string Indent = indentOf(stmt(DeferIndex));
    std::string Unit = Indent.empty() ? "  " : Indent;
    std::string Block = Indent + "defer {\n";
    if (!Above.trim().empty())
      for (llvm::StringRef Line : llvm::split(Above.rtrim(), '\n'))
        Block += (Line.starts_with(Indent) ? Unit : "") + Line.str() + "\n";
    if (OnLabelLine.starts_with("/*") || OnLabelLine.starts_with("//"))
      Block += Indent + Unit + OnLabelLine.str() + "\n";
    bool FirstLine = true;
    for (llvm::StringRef Line : llvm::split(Cleanup.rtrim(), '\n')) {
      if (FirstLine && !Line.trim().empty())
        Block += Indent + Unit + Line.ltrim().str() + "\n";
      else if (!Line.trim().empty())
        Block += (Line.starts_with(Indent) ? Unit : "") + Line.str() + "\n";
      FirstLine = false;
    }
    return Block + Indent + "}\n";
  }

  void edit(std::vector<Edit> &Edits) {
    llvm::StringRef Buffer =
        SM.getBufferData(SM.getFileID(Label->getBeginLoc()));
    unsigned At = aboveItsComments(Buffer, endBefore(DeferIndex),
                                   lineStart(stmt(DeferIndex)->getBeginLoc()));
    Edits.push_back({At, 0, deferredCleanup(Buffer)});
    unsigned From = labelCommentsStart(Buffer);
    Edits.push_back({From, lineStart(cleanupEndLoc()) - From, ""});
    std::string Return = "return";
    if (const Expr *Value = Final ? Final->getRetValue() : nullptr)
      Return += " " + text(Value->getSourceRange()).str();
    for (const GotoStmt *G : Whole.Gotos)
      Edits.push_back({offset(G->getBeginLoc()),
                       unsigned(text(G->getSourceRange()).size()), Return});
    if (NamedResult) {
      const Stmt *Decl = stmt(topLevelOf(NamedResult->getLocation()));
      Edits.push_back({offset(Decl->getBeginLoc()), 0, "defer_result "});
    }
  }
};

} // namespace

bool planMigration(ASTContext &Ctx, const FunctionDecl &FD,
                   const Conditionals &Conds, Migration &Out) {
  return Planner(Ctx, FD, Conds).plan(Out);
}

} // namespace cdefer::migrate
