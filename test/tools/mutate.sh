#!/usr/bin/env bash
# Usage: mutate.sh "COMPILER" DIR...
# Compiles each DIR/*.c with one line deleted at a time (every fourth line),
# under both strategies, and counts the compiles that crashed (signal exit or
# clang's crash report) rather than succeeding or reporting errors.
# -Wthread-safety makes the plugin build and analyse each function's exit
# view (pass/ExitView.cpp) as well as lower it.
set -u
compile=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total=0 crashed=0
for dir in "$@"; do
    for src in "$dir"/*.c; do
        lines=$(wc -l <"$src")
        for ((line = 1; line <= lines; line += 4)); do
            sed "${line}d" "$src" >"$tmp/m.c"
            for strategy in auto runtime; do
                $compile -c -o /dev/null -Wthread-safety -fplugin-arg-cdefer-strategy=$strategy \
                    "$tmp/m.c" >"$tmp/out" 2>&1
                rc=$?
                total=$((total + 1))
                if [ $rc -gt 1 ] || grep -q "PLEASE submit a bug report" "$tmp/out"; then
                    crashed=$((crashed + 1))
                    echo "crash (rc $rc): $src without line $line, $strategy"
                fi
            done
        done
    done
done
echo "mutations: $total compiled, $crashed crashed"
