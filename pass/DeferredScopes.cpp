//===- DeferredScopes.cpp - debug scopes for the code that runs at exit ---===//
//
// A deferred statement's code keeps its source lines, but it exists up to
// three times: where `defer` registers it (the arguments of a call form),
// in the exit sequence, and in the unwinding copies that run it during a
// panic. gdb keeps one address per line and lexical block for a line
// breakpoint, so `break file.c:<defer line>` used to stop only where the
// defer executes, and a breakpoint inside a deferred block never stopped
// while a panic ran it. Each of these sequences now gets a lexical block of
// its own, under the function's own scope (so the function's variables are
// still in sight), and a debugger sets a location in each.
//
// A DWARF lexical block is only emitted for a scope with a variable, so
// each one gets an artificial one, with a constant value and no code:
// `__cdefer_unwinding`, 0 at a normal exit and 1 while a panic unwinds,
// which `info locals` shows in deferred code.
//
//===----------------------------------------------------------------------===//
#include "DeferredScopes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace cdefer {
namespace {

class ScopeCopier {
public:
  ScopeCopier(DISubprogram *Function, DILexicalBlock *Own) {
    Copies[Function] = Own;
  }

  /// \p Scope as seen from the new block: the function's scope becomes the
  /// block, and the blocks within it copies inside the block.
  DILocalScope *copy(DILocalScope *Scope) {
    if (auto It = Copies.find(Scope); It != Copies.end())
      return It->second;
    auto *Block = dyn_cast<DILexicalBlockBase>(Scope);
    if (!Block)
      return Scope; // another function's scope: not ours to move
    DILocalScope *Parent = copy(Block->getScope());
    DILocalScope *Copy = Scope;
    if (Parent != Block->getScope()) {
      LLVMContext &C = Scope->getContext();
      if (auto *LB = dyn_cast<DILexicalBlock>(Block))
        Copy = DILexicalBlock::getDistinct(C, Parent, LB->getFile(),
                                           LB->getLine(), LB->getColumn());
      else
        Copy = DILexicalBlockFile::get(
            C, Parent, Block->getFile(),
            cast<DILexicalBlockFile>(Block)->getDiscriminator());
    }
    return Copies[Scope] = Copy;
  }

  DebugLoc moved(const DebugLoc &DL) {
    DILocation *L = DL.get();
    if (!L || L->getInlinedAt())
      return DL; // at pipeline start only always_inline code is inlined
    return DILocation::get(L->getContext(), L->getLine(), L->getColumn(),
                           copy(L->getScope()), nullptr, L->isImplicitCode(),
                           L->getAtomGroup(), L->getAtomRank());
  }

  /// \p Var as declared in the new block: a variable of a block inside the
  /// deferred code moves with its block, or a debugger would look for it in
  /// a scope none of the code is in any more (`print x` in a deferred block
  /// said "No symbol"). The function's own variables stay where they are.
  DILocalVariable *moved(DILocalVariable *Var) {
    auto *Block = dyn_cast<DILexicalBlockBase>(Var->getScope());
    if (!Block)
      return Var;
    DILocalScope *Scope = copy(Block);
    if (Scope == Block)
      return Var;
    return DILocalVariable::get(Var->getContext(), Scope, Var->getName(),
                                Var->getFile(), Var->getLine(), Var->getType(),
                                Var->getArg(), Var->getFlags(),
                                Var->getAlignInBits(), Var->getAnnotations());
  }

private:
  DenseMap<DILocalScope *, DILocalScope *> Copies;
};

DILocation *firstLocation(ArrayRef<BasicBlock *> Blocks) {
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB)
      if (DILocation *L = I.getDebugLoc().get())
        if (!L->getInlinedAt())
          return L;
  return nullptr;
}

} // namespace

void giveOwnDebugScope(Function &F, ArrayRef<BasicBlock *> Blocks,
                       StringRef Marker, unsigned Value) {
  DISubprogram *SP = F.getSubprogram();
  DILocation *Start = firstLocation(Blocks);
  if (!SP || !Start || Blocks.empty())
    return;
  LLVMContext &C = F.getContext();
  auto *Own = DILexicalBlock::getDistinct(C, SP, SP->getFile(),
                                          Start->getLine(), Start->getColumn());
  ScopeCopier Scopes(SP, Own);
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      I.setDebugLoc(Scopes.moved(I.getDebugLoc()));
      for (DbgRecord &R : I.getDbgRecordRange()) {
        R.setDebugLoc(Scopes.moved(R.getDebugLoc()));
        if (auto *V = dyn_cast<DbgVariableRecord>(&R))
          V->setVariable(Scopes.moved(V->getVariable()));
      }
    }
  DIBuilder DIB(*F.getParent(), /*AllowUnresolved=*/false);
  DIType *Int = DIB.createBasicType("int", 32, dwarf::DW_ATE_signed);
  DILocalVariable *Var = DIB.createAutoVariable(
      Own, Marker, SP->getFile(), Start->getLine(), Int,
      /*AlwaysPreserve=*/false, DINode::FlagArtificial);
  // In every block: a value's range ends with its block at -O0, and the
  // records strategy's exit is a loop of blocks.
  for (BasicBlock *BB : Blocks)
    if (BB->getFirstInsertionPt() != BB->end())
      DIB.insertDbgValueIntrinsic(
          ConstantInt::get(Type::getInt32Ty(C), Value), Var,
          DIB.createExpression(),
          DILocation::get(C, Start->getLine(), Start->getColumn(), Own),
          BB->getFirstInsertionPt());
}

} // namespace cdefer
