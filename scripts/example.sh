#!/bin/sh
# Builds cdefer and its examples, then runs wordfreq over cdefer's own
# sources: a word counter whose cleanup is all defers, loop defers included.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup-debian.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCDEFER_ENABLE_ASSERTIONS=OFF
cmake --build build
./build/bin/wordfreq -n 10 README.md examples/*.c runtime/src/*.c
