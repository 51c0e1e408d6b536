#!/bin/sh
# Builds cdefer and runs its whole test suite (lit): semantics under both
# strategies checked against Go, lowering, diagnostics, compiler modes and
# the runtime; then the semantics and panic suites again with every program
# built under AddressSanitizer and UndefinedBehaviorSanitizer (-O0, -O2).
# Ends with the line "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup-debian.sh test
# With LLVM's assertions: the plugin's misuse of LLVM's data structures
# aborts here rather than going unnoticed in a release build.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCDEFER_ENABLE_ASSERTIONS=ON
cmake --build build
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
lit=/usr/lib/llvm-22/bin/lit
$lit -sv build/test 2>&1 | tee "$log" || status=$?
$lit -sv --param sanitize=1 build/test/semantics build/test/panic 2>&1 |
    tee -a "$log" || status=$?
[ "$(grep -c "^Total Discovered Tests" "$log")" = 2 ] || status=1
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" |
         awk '{ s += $1 } END { print s + 0 }')
failed=$(sed -n 's/^ *\(Failed\|Unresolved\|Timed Out\) *: *\([0-9]*\).*/\2/p' "$log" |
         awk '{ s += $1 } END { print s + 0 }')
echo "${passed} passed, ${failed} failed"
# lit's own status is lost in the pipe to tee (sh has no pipefail): the
# counts decide as well.
[ "$failed" = 0 ] || status=1
exit "$status"
