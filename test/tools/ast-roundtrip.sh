#!/usr/bin/env bash
# Usage: ast-roundtrip.sh SOURCE [compile flags...]
#
# An independent check that what the plugin makes of a function is valid C:
# prints the lowered translation unit with -ast-print, under each strategy,
# compiles that text with plain clang-22 (only the IR pass loaded, as a pass
# plugin), runs it, and fails unless it prints what the program built the
# ordinary way prints.
set -u
src=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prelude=$(dirname "$0")/lowered-prelude.h
# A panic's traceback names the source file and lines, which printing the
# lowered AST changes by design: compare the panic lines only.
export CDEFER_TRACEBACK=none
$CDEFER_COMPILE -O1 "$src" "$@" "$CDEFER_RUNTIME" -pthread -o "$tmp/direct" || exit 1
"$tmp/direct" >"$tmp/direct.out" 2>&1
echo $? >>"$tmp/direct.out"
for strategy in auto runtime; do
    if ! $CDEFER_COMPILE -fplugin-arg-cdefer-strategy=$strategy -fsyntax-only \
        -Xclang -ast-print "$src" "$@" >"$tmp/lowered.c"; then
        echo "ast-roundtrip: -ast-print failed ($strategy)" >&2
        exit 1
    fi
    if ! $CDEFER_CLANG -O1 -w -include "$prelude" "$@" \
        -fpass-plugin="$CDEFER_PLUGIN" "$tmp/lowered.c" "$CDEFER_RUNTIME" \
        -pthread -o "$tmp/lowered"; then
        echo "ast-roundtrip: the lowered AST of $src is not valid C ($strategy)" >&2
        exit 1
    fi
    "$tmp/lowered" >"$tmp/lowered.out" 2>&1
    echo $? >>"$tmp/lowered.out"
    if ! diff -u "$tmp/direct.out" "$tmp/lowered.out" >&2; then
        echo "ast-roundtrip: $src behaves differently once printed ($strategy)" >&2
        exit 1
    fi
done
