#!/usr/bin/env bash
# Usage: defer-fuzz.sh FIRST_SEED COUNT
#
# Differential testing against Go: for each seed, defer-fuzz.py writes a
# random C program with defer, panic and recover and its Go twin; the Go one
# is built and run (as go-oracle.sh does), the C one goes through
# run-modes.sh (both strategies, each optimization mode, which must agree),
# and the two must print the same stdout, exit with the same status and
# write the same panic report (stderr up to Go's goroutine traceback). Prints
# one line per seed that differs, fails to build or crashes the compiler,
# then `defer-fuzz: N programs, M mismatches`; exits 1 if M > 0.
#
# Environment: CDEFER_COMPILE and CDEFER_RUNTIME as for run-modes.sh (lit
# sets them); CDEFER_FUZZ_KEEP=DIR keeps each failing pair, with both
# programs' outputs, in DIR/seed-N.
set -u
if [ $# -ne 2 ]; then
    echo "usage: defer-fuzz.sh FIRST_SEED COUNT" >&2
    exit 2
fi
first=$1 count=$2
tools=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: "${CDEFER_COMPILE:?set it as lit does for run-modes.sh}" "${CDEFER_RUNTIME:?}"
# The traceback after the report is not compared: skip symbolizing it.
export CDEFER_TRACEBACK=none
# A program that hangs is a finding, not a reason to stop.
export CDEFER_EXEC=${CDEFER_EXEC:-timeout 20}
export GO111MODULE=off

mismatches=0

# fail SEED DIR WHAT: reports a failing seed and keeps its files.
fail() {
    mismatches=$((mismatches + 1))
    echo "defer-fuzz: seed $1: $3"
    if [ -n "${CDEFER_FUZZ_KEEP:-}" ]; then
        mkdir -p "$CDEFER_FUZZ_KEEP/seed-$1"
        cp -r "$2"/. "$CDEFER_FUZZ_KEEP/seed-$1/"
    fi
}

# run_go DIR: builds and runs DIR/prog.go into DIR/go.{out,err,status}.
run_go() {
    mkdir -p "$1/go"
    cp "$1/prog.go" "$1/go/main.go"
    (cd "$1/go" && go build -o prog main.go) >"$1/go-build.log" 2>&1 || return 1
    timeout 20 "$1/go/prog" >"$1/go.out" 2>"$1/go.raw-err"
    echo $? >"$1/go.status"
    # Go's goroutine traceback starts at the first empty line.
    sed '/^$/,$d' "$1/go.raw-err" >"$1/go.err"
}

# run_c DIR: runs DIR/prog.c through run-modes.sh into DIR/c.{out,err,status};
# prints why it failed (build, crash, modes that disagree), if it did.
# run-modes passes the compiler's stderr through, and the program's panic
# report must be all that is left there: no warnings (-w does not silence
# the plugin's own, -Wno-cdefer does).
run_c() {
    timeout 600 bash "$tools/run-modes.sh" "$1/prog.c" -w -fplugin-arg-cdefer-Wno-cdefer \
        >"$1/c.out" 2>"$1/c.err"
    echo $? >"$1/c.status"
    if grep -q -e "PLEASE submit a bug report" -e "Stack dump" "$1/c.err"; then
        echo "compiler crash"
    elif grep -q "^run-modes: build failed" "$1/c.err"; then
        echo "C build failed"
    elif grep -q "^run-modes: mode .* differs" "$1/c.err"; then
        echo "modes disagree ($(grep -o 'mode .* differs.*' "$1/c.err"))"
    fi
}

for ((seed = first; seed < first + count; seed++)); do
    dir=$tmp/$seed
    mkdir -p "$dir"
    if ! python3 "$tools/defer-fuzz.py" "$seed" "$dir"; then
        fail "$seed" "$dir" "generator failed"
        continue
    fi
    if ! run_go "$dir"; then
        fail "$seed" "$dir" "Go build failed (a generator bug)"
        continue
    fi
    why=$(run_c "$dir")
    if [ -n "$why" ]; then
        fail "$seed" "$dir" "$why"
        continue
    fi
    diffs=
    cmp -s "$dir/go.out" "$dir/c.out" || diffs+=" stdout"
    cmp -s "$dir/go.status" "$dir/c.status" || diffs+=" status($(cat "$dir/go.status") vs $(cat "$dir/c.status"))"
    cmp -s "$dir/go.err" "$dir/c.err" || diffs+=" panic-report"
    [ -n "$diffs" ] && fail "$seed" "$dir" "Go and C differ:$diffs"
    rm -rf "$dir"
done
echo "defer-fuzz: $count programs, $mismatches mismatches"
[ "$mismatches" -eq 0 ]
