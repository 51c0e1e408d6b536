//===- VariablyModified.h - code that lives in types ----------------------===//
//
// C evaluates the sizes of variable-length arrays where a type that has one
// is spelled: in a declaration, a cast, a compound literal, sizeof(type) and
// va_arg, through pointers and functions' results (`int (*p)[n++]`). Such a
// size is an expression like any other, a statement expression with a
// defer, a return or a goto in it included. Stmt::children() reaches only
// the sizes of an array declared as an array, and of sizeof's array type;
// every walk of the plugin that must see all the code of a function goes
// through evaluatedChildren(), which adds the others (a defer there was run
// in place, a return there skipped the deferred code, a recover() there was
// never told which deferred code it was in).
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_VARIABLYMODIFIED_H
#define CDEFER_PASS_VARIABLYMODIFIED_H

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace cdefer {

/// Calls \p Visit for each type \p S itself spells out (a declaration's,
/// a cast's, a compound literal's, sizeof's or va_arg's), whose
/// variable-length arrays' sizes are evaluated where \p S stands.
void forEachWrittenType(clang::Stmt *S,
                        llvm::function_ref<void(clang::QualType)> Visit);

/// Calls \p Visit for the size expression of each variable-length array
/// in \p T (through pointers, functions' results, _Atomic and sugar).
void forEachArraySize(clang::QualType T,
                      llvm::function_ref<void(clang::Expr *)> Visit);

/// Calls \p Visit for the typedef or typeof(expr) that the variably
/// modified \p T goes through, if any: CodeGen takes the sizes of its
/// arrays from where that typedef, or typeof's array, is declared.
void forEachSizingSugar(clang::QualType T,
                        llvm::function_ref<void(const clang::Type *)> Visit);

/// A statement's children, and then the code of the types it spells that
/// CodeGen evaluates there but children() leaves out: sizes of arrays
/// under a pointer, a function's result or _Atomic, and the operands of
/// typeof(expr) of a variably modified type. Not through a typedef, whose
/// sizes are evaluated, and walked, where it is declared. Each is a slot
/// that a rewriting walk may replace.
class EvaluatedChildren {
public:
  explicit EvaluatedChildren(const clang::Stmt *S)
      : Children(const_cast<clang::Stmt *>(S)->children()) {
    // Every walk asks this of every node: most spell no type.
    if (llvm::isa<clang::DeclStmt, clang::ExplicitCastExpr,
                  clang::CompoundLiteralExpr, clang::UnaryExprOrTypeTraitExpr,
                  clang::VAArgExpr>(S))
      addTypedSlots(const_cast<clang::Stmt *>(S));
  }

  class iterator {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = clang::Stmt *;
    using difference_type = std::ptrdiff_t;
    using pointer = clang::Stmt **;
    using reference = clang::Stmt *&;

    iterator(clang::StmtIterator Child, clang::StmtIterator ChildEnd,
             clang::Stmt **const *Typed)
        : Child(Child), ChildEnd(ChildEnd), Typed(Typed) {}
    clang::Stmt *&operator*() const {
      return Child != ChildEnd ? *Child : **Typed;
    }
    iterator &operator++() {
      if (Child != ChildEnd)
        ++Child;
      else
        ++Typed;
      return *this;
    }
    bool operator==(const iterator &O) const {
      return Child == O.Child && Typed == O.Typed;
    }
    bool operator!=(const iterator &O) const { return !(*this == O); }

  private:
    clang::StmtIterator Child, ChildEnd;
    clang::Stmt **const *Typed;
  };

  iterator begin() const {
    return {Children.begin(), Children.end(), Typed.data()};
  }
  iterator end() const {
    return {Children.end(), Children.end(), Typed.data() + Typed.size()};
  }

private:
  void addTypedSlots(clang::Stmt *S);

  clang::Stmt::child_range Children;
  llvm::SmallVector<clang::Stmt **, 0> Typed; // in types, past children()
};

inline EvaluatedChildren evaluatedChildren(const clang::Stmt *S) {
  return EvaluatedChildren(S);
}

} // namespace cdefer

#endif
