//===- LibraryFunctions.h - C library functions the plugin must recognize -===//
//
// clang knows the C library's functions as builtins, but -fno-builtin,
// -fno-builtin-<name> and -ffreestanding take them out of its builtin
// table, and glibc's headers do not mark setjmp `returns_twice`. CodeGen
// still gives their calls what they need; the plugin must recognize them
// as well, or a defer after setjmp is lowered as if control never came
// back (wrong strategy, records overwritten), and `defer free(p)` is
// linted as a release that may take NULL. A function of the library is
// known by its name too, where it has C linkage and is declared at file
// scope (a static function of the same name is the program's own).
//
//===----------------------------------------------------------------------===//
#ifndef CDEFER_PASS_LIBRARYFUNCTIONS_H
#define CDEFER_PASS_LIBRARYFUNCTIONS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

namespace cdefer {

/// Whether \p Fn is the C library's function of one of \p Names.
inline bool isLibraryFunction(const clang::FunctionDecl &Fn,
                              llvm::ArrayRef<llvm::StringRef> Names) {
  const clang::IdentifierInfo *Id = Fn.getIdentifier();
  return Id && Fn.isExternC() && Fn.getDeclContext()->isTranslationUnit() &&
         llvm::is_contained(Names, Id->getName());
}

/// Whether \p Fn returns twice: setjmp and its kin, vfork, getcontext.
inline bool returnsTwice(const clang::ASTContext &Ctx,
                         const clang::FunctionDecl &Fn) {
  if (Fn.hasAttr<clang::ReturnsTwiceAttr>())
    return true;
  if (unsigned ID = Fn.getBuiltinID())
    return Ctx.BuiltinInfo.isReturnsTwice(ID);
  // clang's builtins that return twice, by the names the headers declare.
  return isLibraryFunction(Fn, {"setjmp", "_setjmp", "sigsetjmp",
                                "__sigsetjmp", "savectx", "qsetjmp",
                                "getcontext", "vfork"});
}

/// Whether \p Fn is the C library's free().
inline bool isFree(const clang::FunctionDecl &Fn) {
  return Fn.getBuiltinID() == clang::Builtin::BIfree ||
         isLibraryFunction(Fn, {"free"});
}

} // namespace cdefer

#endif
