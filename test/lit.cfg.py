# cdefer's lit suite. Substitutions:
#   %clang      clang-22 itself, no plugin
#   %cdefer     clang-22 with the plugin and <cdefer.h>
#   %runtime    what a program using defer links with
#   %cdefer-cc  the driver from this build
#   %cdefer-tidy  clang-tidy with cdefer's lowering, from this build
#   %cdefer-migrate  the goto-cleanup migrator, from this build
#   %run-modes  builds a program four ways (open-coded and runtime records,
#               -O0 and -O2), runs each, and fails unless they all agree
#   %go         Go, the oracle for semantics
#   %go-oracle  builds and runs a Go program: PREFIX.out, .err, .status
#   %ast-roundtrip SOURCE [flags]  prints the lowered AST as C, compiles and
#               runs that with plain clang, and compares with the real build
#   %expect-status N CMD  fails unless CMD exits with status N
import os
import platform
import shutil

import lit.formats

config.name = "cdefer"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs", "tools"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cdefer_obj_root, "test")

# FileCheck, not and count live beside clang-22, not on PATH.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, os.environ.get("PATH", "")])
for var in ["HOME", "GOCACHE", "GOPATH", "TMPDIR"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]

# A test that hangs (deferred code run again forever, say) fails after five
# minutes instead of holding the suite up; lit needs psutil to stop a
# test's processes (scripts/setup-debian.sh installs it).
try:
    import psutil  # noqa: F401
    lit_config.maxIndividualTestTime = 300
except ImportError:
    lit_config.note("python3-psutil is missing: a hanging test hangs lit")

include = os.path.join(config.cdefer_src_root, "runtime", "include")
cdefer = "%s -fplugin=%s -I%s" % (config.clang, config.plugin, include)
run_modes = os.path.join(config.cdefer_src_root, "test", "tools",
                         "run-modes.sh")

config.substitutions.append(("%cdefer-cc", config.cdefer_cc))
config.substitutions.append(("%cdefer-tidy", config.cdefer_tidy))
config.substitutions.append(("%cdefer-migrate", config.cdefer_migrate))
config.substitutions.append(("%cdefer-build", config.cdefer_obj_root))
config.substitutions.append(("%cdefer-src", config.cdefer_src_root))
config.substitutions.append(("%cdefer", cdefer))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%runtime", config.runtime + " -pthread"))
config.substitutions.append(("%include", include))
config.substitutions.append(("%plugin", config.plugin))
config.substitutions.append(
    ("%run-modes", "env CDEFER_COMPILE='%s' CDEFER_RUNTIME='%s' bash %s"
     % (cdefer, config.runtime, run_modes)))
config.substitutions.append(
    ("%ast-roundtrip",
     "env CDEFER_COMPILE='%s' CDEFER_CLANG='%s' CDEFER_PLUGIN='%s' "
     "CDEFER_RUNTIME='%s' bash %s"
     % (cdefer, config.clang, config.plugin, config.runtime,
        os.path.join(config.cdefer_src_root, "test", "tools",
                     "ast-roundtrip.sh"))))
config.substitutions.append(("%go-oracle", "bash " + os.path.join(
    config.cdefer_src_root, "test", "tools", "go-oracle.sh")))
config.substitutions.append(("%expect-status", "bash " + os.path.join(
    config.cdefer_src_root, "test", "tools", "expect-status.sh")))
config.substitutions.append(("%go", "go"))

# `lit --param sanitize=1`: every program %run-modes builds also runs under
# AddressSanitizer and UndefinedBehaviorSanitizer (scripts/test.sh runs the
# semantics and panic suites so).
if lit_config.params.get("sanitize"):
    config.available_features.add("sanitize")
    config.environment["CDEFER_MODE_FLAGS"] = (
        "-fsanitize=address,undefined -fno-sanitize-recover=all")

# On an x86-64 host, -m32 names i386 (integration/cdefer-cc-cross.test).
if platform.machine() == "x86_64":
    config.available_features.add("x86_64-host")

# Cross-built aarch64 programs need the emulator and the target's libraries.
if shutil.which("qemu-aarch64") and os.path.isdir("/usr/aarch64-linux-gnu/lib"):
    config.available_features.add("qemu-aarch64")

if os.path.exists(os.path.join(config.llvm_tools_dir, "llvm-cov")):
    config.available_features.add("llvm-cov")

for tool in ["go", "gdb", "valgrind", "ccache", "distcc", "distccd",
             "clang-tidy-22", "clangd-22", "scan-build-22", "lldb-22", "pkg-config",
             "meson", "ninja"]:
    if shutil.which(tool):
        config.available_features.add(tool)
