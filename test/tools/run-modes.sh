#!/usr/bin/env bash
# Usage: run-modes.sh SOURCE [compile flags...] [-- program arguments...]
#
# Builds SOURCE with defers open-coded (the plugin's choice) and with runtime
# records forced, each at -O0 and -O2, runs the four programs, and fails
# unless they print the same stdout and stderr and exit with the same status.
# Then it prints that stdout and stderr and exits with that status, for
# FileCheck and `not` to judge. A strategy must never be observable.
set -u
src=$1
shift
flags=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    flags+=("$1")
    shift
done
[ $# -gt 0 ] && shift # the --; what is left goes to the program
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

first=
for strategy in auto runtime; do
    for opt in -O0 -O2; do
        mode="$strategy$opt"
        if ! $CDEFER_COMPILE -fplugin-arg-cdefer-strategy=$strategy $opt \
            "$src" "${flags[@]}" "$CDEFER_RUNTIME" -pthread -o "$tmp/$mode"; then
            echo "run-modes: build failed in mode $mode" >&2
            exit 1
        fi
        "$tmp/$mode" "$@" >"$tmp/$mode.out" 2>"$tmp/$mode.err"
        echo $? >"$tmp/$mode.status"
        if [ -z "$first" ]; then
            first=$mode
            continue
        fi
        for part in out err status; do
            if ! diff -u "$tmp/$first.$part" "$tmp/$mode.$part" >&2; then
                echo "run-modes: mode $mode differs from $first ($part)" >&2
                exit 1
            fi
        done
    done
done
cat "$tmp/$first.out"
cat "$tmp/$first.err" >&2
exit "$(cat "$tmp/$first.status")"
