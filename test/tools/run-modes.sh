#!/usr/bin/env bash
# Usage: run-modes.sh SOURCE [compile flags...] [-- program arguments...]
#
# Builds SOURCE with defers open-coded (the plugin's choice) and with runtime
# records forced, each at -O0, -O2 and -O3, runs the programs, and fails
# unless they print the same stdout and stderr and exit with the same status.
# Then it prints that stdout and stderr and exits with that status, for
# FileCheck and `not` to judge. A strategy must never be observable.
#
# Environment:
#   CDEFER_MODES    the optimization modes, ';' between them (each may be
#                   several flags: "-O2 -flto -fuse-ld=lld")
#   CDEFER_EXEC     runs each program (e.g. "qemu-aarch64 -L /usr/aarch64-...")
#   CDEFER_TARGET_RUNTIME  the runtime to link instead of CDEFER_RUNTIME
#   CDEFER_MODE_FLAGS  flags added to every mode (lit's sanitize run sets
#                   -fsanitize=address,undefined; its default modes are then
#                   -O0 and -O2)
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

default_modes="-O0;-O2;-O3"
[ -n "${CDEFER_MODE_FLAGS:-}" ] && default_modes="-O0;-O2"
IFS=';' read -ra opts <<<"${CDEFER_MODES:-$default_modes}"
runtime=${CDEFER_TARGET_RUNTIME:-$CDEFER_RUNTIME}
first=
for strategy in auto runtime; do
    for opt in "${opts[@]}"; do
        mode="$strategy$(echo $opt | tr -d ' =/')"
        # shellcheck disable=SC2086 # $opt is a list of flags
        if ! $CDEFER_COMPILE -fplugin-arg-cdefer-strategy=$strategy $opt ${CDEFER_MODE_FLAGS:-} \
            "$src" "${flags[@]}" "$runtime" -pthread -o "$tmp/$mode"; then
            echo "run-modes: build failed in mode $strategy $opt" >&2
            exit 1
        fi
        ${CDEFER_EXEC:-} "$tmp/$mode" "$@" >"$tmp/$mode.out" 2>"$tmp/$mode.raw-err"
        echo $? >"$tmp/$mode.status"
        # An uncaught panic's traceback (from its first empty line on) names
        # threads and inlined frames, which differ from mode to mode; as
        # go-oracle.sh does for Go, the modes are compared on the panic
        # report (test/panic/traceback.c checks the tracebacks).
        sed '/^$/,$d' "$tmp/$mode.raw-err" >"$tmp/$mode.err"
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
