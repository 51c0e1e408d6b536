//===- CapturedDebugInfo.cpp - a deferred block's variables, by name ------===//
#include "CapturedDebugInfo.h"
#include "OutlineDeferred.h"

#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace cdefer {

/// The variable \p Param stands for, or null if it stands for none.
static DILocalVariable *capturedVariable(DILocalVariable &Param) {
  StringRef Name = Param.getName();
  auto *Pointer = dyn_cast_or_null<DIDerivedType>(Param.getType());
  if (!Param.isParameter() || !Name.starts_with(CapturedPrefix) || !Pointer ||
      Pointer->getTag() != dwarf::DW_TAG_pointer_type)
    return nullptr;
  return DILocalVariable::get(
      Param.getContext(), Param.getScope(), Name.drop_front(CapturedPrefix.size()),
      Param.getFile(), Param.getLine(), Pointer->getBaseType(), /*Arg=*/0,
      DINode::FlagZero, /*AlignInBits=*/0, /*Annotations=*/nullptr);
}

static void describeIn(Function &F) {
  std::vector<DbgVariableRecord *> Records; // before the twins go in
  for (Instruction &I : instructions(F))
    for (DbgVariableRecord &Record : filterDbgVars(I.getDbgRecordRange()))
      Records.push_back(&Record);
  for (DbgVariableRecord *Record : Records) {
    DILocalVariable *Variable = capturedVariable(*Record->getVariable());
    if (!Variable)
      continue;
    auto *Twin = cast<DbgVariableRecord>(Record->clone());
    Twin->setVariable(Variable);
    Twin->setExpression(
        DIExpression::prepend(Record->getExpression(), DIExpression::DerefAfter));
    Twin->insertAfter(Record);
  }
}

void describeCapturedVariables(Module &M) {
  for (Function &F : M)
    if (!F.isDeclaration() && F.getName().starts_with(OutlinedPrefix))
      describeIn(F);
}

} // namespace cdefer
