# Locates Clang 22's CMake packages. LLVMConfigVersion.cmake compares
# major.minor, so "22" alone never matches: ask for 22.1 and check the major.
find_package(LLVM 22.1 REQUIRED CONFIG
  HINTS /usr/lib/llvm-22/lib/cmake/llvm)
if(NOT LLVM_VERSION_MAJOR EQUAL 22)
  message(FATAL_ERROR "cdefer needs LLVM/Clang 22, found ${LLVM_PACKAGE_VERSION}")
endif()
find_package(Clang REQUIRED CONFIG
  HINTS ${LLVM_INSTALL_PREFIX}/lib/cmake/clang)
set(CDEFER_CLANG ${LLVM_TOOLS_BINARY_DIR}/clang-22)
if(NOT EXISTS ${CDEFER_CLANG})
  set(CDEFER_CLANG ${LLVM_TOOLS_BINARY_DIR}/clang)
endif()
message(STATUS "cdefer: LLVM ${LLVM_PACKAGE_VERSION}, clang ${CDEFER_CLANG}")
