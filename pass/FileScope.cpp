//===- FileScope.cpp - finding <cdefer.h>'s declarations by name ----------===//
#include "FileScope.h"

#include "clang/Sema/IdentifierResolver.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace cdefer {

NamedDecl *findFileScope(Sema &S, llvm::StringRef Name,
                         llvm::function_ref<bool(const NamedDecl &)> Accept) {
  // Getting the identifier asks the AST reader for it first, which hands
  // its declarations to Sema's identifier chains.
  IdentifierInfo &Id = S.Context.Idents.get(Name);
  for (NamedDecl *ND : S.Context.getTranslationUnitDecl()->lookup(&Id))
    if (Accept(*ND))
      return ND;
  for (auto I = S.IdResolver.begin(DeclarationName(&Id)),
            E = S.IdResolver.end();
       I != E; ++I)
    if ((*I)->getDeclContext()->getRedeclContext()->isFileContext() &&
        Accept(**I))
      return *I;
  return nullptr;
}

FunctionDecl *findFileScopeFunction(Sema &S, llvm::StringRef Name) {
  return cast_or_null<FunctionDecl>(findFileScope(
      S, Name, [](const NamedDecl &ND) { return isa<FunctionDecl>(ND); }));
}

} // namespace cdefer
