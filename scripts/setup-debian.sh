#!/bin/sh
# Installs what cdefer needs on Debian 12 (as root), skipping what is there.
#   setup-debian.sh          to build cdefer and its examples
#   setup-debian.sh test     also what the test suite uses
set -eu
need="clang-22 libclang-22-dev llvm-22-dev llvm-22-tools libclang-rt-22-dev
      cmake ninja-build"
if [ "${1:-}" = test ]; then
    need="$need golang-go gdb valgrind ccache distcc clang-tidy-22 clangd-22
          clang-tools-22 lldb-22
          pkg-config g++ make meson lld-22 qemu-user gcc-aarch64-linux-gnu
          libc6-dev-arm64-cross python3-psutil"
fi
missing=
for pkg in $need; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "setup-debian: installing$missing"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
fi
