//===- Main.cpp - cdefer-migrate: goto cleanup to defer --------------------===//
//
//   cdefer-migrate [--dry-run | --fix] [-p build] files... [-- flags]
//
// Finds the functions of each file that clean up with `goto out;` and a
// cleanup label at their end (GotoCleanup.cpp), or with the same releases
// repeated before each return (ReleaseSequences.cpp), and rewrites those it
// can prove unchanged in behaviour to defer. For every such function it reports
// on stderr what it did or why it did not. --dry-run prints the changes as
// a unified diff; --fix makes them. The files are read with the flags of
// compile_commands.json, or those after `--`, like clang-tidy.
//
//===----------------------------------------------------------------------===//
#include "Edits.h"
#include "GotoCleanup.h"
#include "HeaderDirectory.h"
#include "IncludePlace.h"
#include "ReleaseSequences.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace clang;
using namespace cdefer::migrate;

namespace {

llvm::cl::OptionCategory Category("cdefer-migrate options");
llvm::cl::opt<bool> DryRun("dry-run", llvm::cl::cat(Category),
                           llvm::cl::desc("Print the changes as a unified diff"));
llvm::cl::opt<bool> Fix("fix", llvm::cl::cat(Category),
                        llvm::cl::desc("Rewrite the files in place"));

/// \p Path as the user would write it: relative to the current directory
/// when it is inside it (ClangTool makes every path absolute).
std::string shown(llvm::StringRef Path) {
  llvm::SmallString<256> Cwd;
  if (!llvm::sys::fs::current_path(Cwd)) {
    Cwd += "/";
    if (Path.starts_with(Cwd))
      return Path.drop_front(Cwd.size()).str();
  }
  return Path.str();
}

/// What is planned for one file.
struct FilePlan {
  std::vector<Edit> Edits;
  // The file names what <cdefer.h> spells panic, panicf, panic_value and
  // recover: it gets the header without those short names.
  bool NoShortNames = false;
  bool HasHeader = false; // it includes <cdefer.h> already
};

/// The plan for each file, by path.
using FileEdits = std::map<std::string, FilePlan>;

/// The names <cdefer.h> takes as macros: `defer` and `defer_result`, which
/// a migrated function uses, and the short names it can do without.
constexpr llvm::StringLiteral KeywordNames[] = {"defer", "defer_result"};
constexpr llvm::StringLiteral ShortNames[] = {"panic", "panicf", "panic_value",
                                              "recover"};

/// Where the main file first spells the identifier \p Name ("line N"), or
/// "a header it includes" if it does not.
std::string whereSpelled(const ASTContext &Ctx, llvm::StringRef Name) {
  const SourceManager &SM = Ctx.getSourceManager();
  FileID Main = SM.getMainFileID();
  llvm::StringRef Text = SM.getBufferData(Main);
  Lexer Raw(SM.getLocForStartOfFile(Main), Ctx.getLangOpts(), Text.begin(),
            Text.begin(), Text.end());
  Token T;
  while (!Raw.LexFromRawLexer(T))
    if (T.is(tok::raw_identifier) && T.getRawIdentifier() == Name)
      return "line " + std::to_string(SM.getSpellingLineNumber(T.getLocation()));
  return "a header it includes";
}

/// The first of \p Names that the translation unit spells anywhere (in its
/// code, its headers or its macros), or "".
template <size_t N>
llvm::StringRef spelledName(const ASTContext &Ctx,
                            const llvm::StringLiteral (&Names)[N]) {
  for (llvm::StringRef Name : Names)
    if (Ctx.Idents.find(Name) != Ctx.Idents.end())
      return Name;
  return "";
}

/// The main file's path, absolute: the compile command may name it relative
/// to its own directory, which is not the tool's.
std::string mainFilePath(const SourceManager &SM) {
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!File)
    return "";
  llvm::StringRef Real = File->getFileEntry().tryGetRealPathName();
  if (!Real.empty())
    return Real.str();
  llvm::SmallString<256> Path(File->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  return std::string(Path);
}

class MigrationConsumer : public ASTConsumer {
public:
  MigrationConsumer(FileEdits &Out, const Conditionals &Conds,
                    Preprocessor &PP)
      : Out(Out), Conds(Conds), PP(PP) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::string Path = mainFilePath(SM);
    // A file that compile_commands.json lists twice (a static and a shared
    // library of the same sources) is planned once: its edits twice would
    // overlap.
    if (Path.empty() || Out.count(Path))
      return;
    FilePlan &Plan = Out[Path];
    // An AST with errors is no proof of anything.
    if (Ctx.getDiagnostics().hasErrorOccurred()) {
      llvm::errs() << shown(Path)
                   << ": left alone: it does not compile with these flags\n";
      return;
    }
    // Unless it has <cdefer.h> already (which then makes these names its
    // own), the header would turn the file's own `defer` into a keyword,
    // and its `panic` into cdefer's: a program that called its own panic
    // handler would print cdefer's report and exit 2.
    Plan.HasHeader = includesHeader(SM);
    if (!Plan.HasHeader) {
      if (llvm::StringRef Name = spelledName(Ctx, KeywordNames); !Name.empty()) {
        llvm::errs() << shown(Path) << ": left alone: it uses '" << Name
                     << "' as a name (" << whereSpelled(Ctx, Name)
                     << "), which <cdefer.h> makes a keyword\n";
        return;
      }
      // Unless the file (its config.h) asks for that already.
      Plan.NoShortNames = !spelledName(Ctx, ShortNames).empty() &&
                          !PP.isMacroDefined("CDEFER_NO_SHORT_NAMES");
    }
    auto &Edits = Plan.Edits;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      auto *FD = dyn_cast<FunctionDecl>(D);
      // Functions a macro writes (`RB_GENERATE(...)`) are not the file's
      // text to edit.
      if (!FD || !FD->doesThisDeclarationHaveABody() ||
          !FD->getLocation().isFileID() ||
          !SM.isInMainFile(FD->getLocation()))
        continue;
      Migration M;
      if (!planMigration(Ctx, *FD, Conds, M) &&
          !planReleaseMigration(Ctx, *FD, Conds, M))
        continue;
      llvm::errs() << shown(Path) << ": " << M.Report << "\n";
      Edits.insert(Edits.end(), M.Edits.begin(), M.Edits.end());
    }
  }

private:
  FileEdits &Out;
  const Conditionals &Conds;
  Preprocessor &PP;

  /// Whether the translation unit includes <cdefer.h> (from any file).
  static bool includesHeader(const SourceManager &SM) {
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
      if (llvm::sys::path::filename(It->first.getName()) == "cdefer.h")
        return true;
    return false;
  }
};

class MigrationAction : public ASTFrontendAction {
public:
  explicit MigrationAction(FileEdits &Out) : Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    CI.getPreprocessor().addPPCallbacks(
        Conds.recorder(CI.getSourceManager()));
    return std::make_unique<MigrationConsumer>(Out, Conds,
                                               CI.getPreprocessor());
  }

private:
  FileEdits &Out;
  Conditionals Conds;
};

class Factory : public tooling::FrontendActionFactory {
public:
  explicit Factory(FileEdits &Out) : Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<MigrationAction>(Out);
  }

private:
  FileEdits &Out;
};

/// `#include <cdefer.h>` (includePlace), unless the file has one; without
/// the short names where the file has a use of its own for them.
void includeHeader(llvm::StringRef Text, const FilePlan &Plan,
                   std::vector<Edit> &Edits) {
  if (Plan.HasHeader)
    return;
  Edits.push_back({includePlace(Text), 0,
                   Plan.NoShortNames ? "#define CDEFER_NO_SHORT_NAMES\n"
                                       "#include <cdefer.h>\n"
                                     : "#include <cdefer.h>\n"});
}

int finish(const FileEdits &All) {
  int Status = 0;
  for (const auto &[Path, Plan] : All) {
    if (Plan.Edits.empty())
      continue;
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    if (!Buffer) {
      llvm::errs() << "cdefer-migrate: cannot read " << Path << "\n";
      Status = 1;
      continue;
    }
    llvm::StringRef Text = (*Buffer)->getBuffer();
    std::vector<Edit> Edits = Plan.Edits;
    includeHeader(Text, Plan, Edits);
    matchLineEndings(Text, Edits);
    if (DryRun)
      llvm::outs() << unifiedDiff(shown(Path), Text, Edits);
    if (Fix) {
      std::error_code EC;
      std::string Result = applyEdits(Text, Edits);
      llvm::raw_fd_ostream File(Path, EC);
      if (EC) {
        llvm::errs() << "cdefer-migrate: cannot write " << Path << ": "
                     << EC.message() << "\n";
        Status = 1;
        continue;
      }
      File << Result;
    }
  }
  return Status;
}

} // namespace

int main(int argc, const char **argv) {
  auto Parser = tooling::CommonOptionsParser::create(
      argc, argv, Category, llvm::cl::OneOrMore,
      "Rewrites C functions that clean up with 'goto out;' to cdefer's defer,\n"
      "when that provably keeps their behaviour.\n");
  if (!Parser) {
    llvm::errs() << Parser.takeError();
    return 2;
  }
  if (DryRun && Fix) {
    llvm::errs() << "cdefer-migrate: --dry-run and --fix exclude each other\n";
    return 2;
  }
  tooling::ClangTool Tool(Parser->getCompilations(),
                          Parser->getSourcePathList());
  // Files that use defer already (some functions migrated, others not)
  // parse as tools parse them, without the plugin.
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      {"-isystem", headerDirectory(argv[0]), "-DCDEFER_TOOLING"},
      tooling::ArgumentInsertPosition::END));
  FileEdits All;
  Factory F(All);
  int Parsed = Tool.run(&F);
  int Written = finish(All);
  return Parsed ? Parsed : Written;
}
