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

# LLVM's headers check their invariants (a DenseMap key that is its empty
# marker, an invalid iterator) only where NDEBUG is not defined. Release
# builds define it; the test suite turns the checks back on for the code
# that uses Clang and LLVM, as LLVM's own CI builds with assertions.
option(CDEFER_ENABLE_ASSERTIONS
  "Keep assert() and LLVM's header checks in the plugin and the tools" OFF)

# Compile flags every target built against Clang 22's libraries needs.
function(cdefer_uses_clang target)
  set_target_properties(${target} PROPERTIES
    CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON)
  target_include_directories(${target} SYSTEM PRIVATE
    ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
  target_compile_definitions(${target} PRIVATE ${LLVM_DEFINITIONS})
  # Debian's LLVM is built without exceptions and with RTTI.
  target_compile_options(${target} PRIVATE -fno-exceptions -Wall -Wextra
    -Wno-unused-parameter)
  if(CDEFER_ENABLE_ASSERTIONS)
    target_compile_options(${target} PRIVATE -UNDEBUG)
  endif()
endfunction()
