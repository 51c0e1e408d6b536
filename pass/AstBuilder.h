//===- AstBuilder.h - the AST nodes cdefer adds to a function -------------===//
//
// The lowering edits a function after Sema has finished it and before CodeGen
// sees it. Nodes are created directly (not through Sema's Act*/Build*, which
// expect a parser scope and a function being parsed), so every node is made
// here, with the implicit casts CodeGen relies on spelled out. Clang's
// assertions are off in Debian's build: a malformed node would not be
// reported, so the shapes made here are pinned by -ast-dump tests.
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_ASTBUILDER_H
#define CDEFER_PASS_ASTBUILDER_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

namespace cdefer {

class AstBuilder {
public:
  AstBuilder(clang::ASTContext &Ctx, clang::FunctionDecl &FD,
             clang::SourceLocation Loc)
      : Ctx(Ctx), FD(FD), Loc(Loc) {}

  clang::ASTContext &Ctx;
  clang::FunctionDecl &FD;
  /// Location given to the nodes made next; callers move it to the statement
  /// being lowered so that debug info points at the user's code.
  clang::SourceLocation Loc;
  /// `__builtin_memcpy`, which copy() needs for arrays: the lowering looks
  /// it up through Sema (which declares builtins) before it is needed.
  clang::FunctionDecl *Memcpy = nullptr;

  // Declarations, all implicit and owned by the function.
  clang::VarDecl *local(llvm::StringRef Name, clang::QualType T);
  clang::VarDecl *zeroedLocal(llvm::StringRef Name, clang::QualType T);
  clang::LabelDecl *label(llvm::StringRef Name);
  /// A struct whose fields are aligned to at most \p MaxFieldAlign bytes
  /// (what `#pragma pack` does).
  clang::RecordDecl *
  record(llvm::StringRef Name,
         llvm::ArrayRef<std::pair<std::string, clang::QualType>> Fields,
         unsigned MaxFieldAlign);
  clang::QualType typeOf(const clang::RecordDecl *RD) const;

  /// `Result Name(Params...)`, declared implicitly in the translation unit
  /// (once) and promised not to unwind: the markers the IR pass replaces.
  clang::FunctionDecl *markerFunction(llvm::StringRef Name,
                                      clang::QualType Result,
                                      llvm::ArrayRef<clang::QualType> Params);

  // Expressions.
  clang::Expr *ref(clang::VarDecl *VD);
  clang::Expr *load(clang::Expr *LValue);
  clang::Expr *assign(clang::Expr *LHS, clang::Expr *RHS);
  /// Copies the object \p Src into \p Dest (lvalues of one type): an
  /// assignment, or for an array, which C cannot assign, a memcpy.
  clang::Expr *copy(clang::Expr *Dest, clang::Expr *Src);
  clang::Expr *compoundAssign(clang::BinaryOperatorKind Op, clang::Expr *LHS,
                              clang::Expr *RHS);
  clang::Expr *binary(clang::BinaryOperatorKind Op, clang::Expr *LHS,
                      clang::Expr *RHS);
  /// `LHS, RHS`.
  clang::Expr *comma(clang::Expr *LHS, clang::Expr *RHS);
  /// A comparison (==, <, ...): an int.
  clang::Expr *compare(clang::BinaryOperatorKind Op, clang::Expr *LHS,
                       clang::Expr *RHS);
  clang::Expr *integer(uint64_t Value, clang::QualType T);
  clang::Expr *addressOf(clang::Expr *LValue);
  /// \p Pointer rounded up to a multiple of \p Align, as \p To.
  clang::Expr *alignUp(clang::Expr *Pointer, uint64_t Align, clang::QualType To);
  /// `(E)`.
  clang::Expr *paren(clang::Expr *E);
  /// `*Pointer`, an lvalue.
  clang::Expr *deref(clang::Expr *Pointer);
  clang::Expr *bitCast(clang::Expr *E, clang::QualType To);
  /// `(To)E`, a cast as the user would write it: the lowered AST has to be
  /// valid C as printed (conversions C does not make implicitly).
  clang::Expr *cast(clang::Expr *E, clang::QualType To,
                    clang::CastKind Kind = clang::CK_BitCast);
  /// `Fn`, decayed to a pointer to the function (as Sema makes it for a
  /// builtin too).
  clang::Expr *functionPointer(clang::FunctionDecl *Fn);
  /// `(void *)Fn`: the address of a function, as a data pointer.
  clang::Expr *functionAddress(clang::FunctionDecl *Fn);
  clang::Expr *nullPointer();
  clang::Expr *arrow(clang::Expr *Pointer, clang::FieldDecl *Field);
  clang::Expr *dot(clang::Expr *Base, clang::FieldDecl *Field);
  /// A call to \p Callee whose arguments already have the parameter types.
  clang::Expr *call(clang::FunctionDecl *Callee,
                    llvm::ArrayRef<clang::Expr *> Args);

  // Statements.
  clang::Stmt *declare(clang::Decl *D);
  clang::CompoundStmt *block(llvm::ArrayRef<clang::Stmt *> Stmts);
  /// A block whose braces are \p Code's first and last tokens. Coverage
  /// mapping gives the body of an `if` a region over its source range, with
  /// the count of its runs: deferred code in the exit sequence then counts
  /// on its own lines, where it is written.
  clang::CompoundStmt *blockSpanning(llvm::ArrayRef<clang::Stmt *> Stmts,
                                     const clang::Stmt *Code);
  clang::Stmt *ifThen(clang::Expr *Cond, clang::Stmt *Then);
  clang::Stmt *jump(clang::LabelDecl *Target);
  clang::Stmt *labeled(clang::LabelDecl *Label, clang::Stmt *Sub);
  clang::Stmt *ret(clang::Expr *Value);
  clang::Stmt *whileLoop(clang::Expr *Cond, clang::Stmt *Body);
  clang::Stmt *doWhile(clang::Stmt *Body, clang::Expr *Cond);
  /// switch (Cond) { case Values[i]: Bodies[i]; break; ... default: break; }
  clang::Stmt *dispatch(clang::Expr *Cond, llvm::ArrayRef<uint64_t> Values,
                        llvm::ArrayRef<clang::Stmt *> Bodies);

private:
  clang::FPOptionsOverride fp() const { return clang::FPOptionsOverride(); }
};

} // namespace cdefer

#endif
