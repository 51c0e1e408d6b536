#!/usr/bin/env bash
# Usage: go-oracle.sh PROGRAM.go PREFIX
# Builds and runs a Go program, the oracle for a C test. Writes its stdout to
# PREFIX.out, the panic report of its stderr to PREFIX.err (Go's lines up to
# the goroutine traceback, which cdefer does not print), and its exit status
# to PREFIX.status.
set -u
prog=$1 prefix=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$prog" "$dir/main.go"
(cd "$dir" && GO111MODULE=off go build -o prog main.go) || exit 1
"$dir/prog" >"$prefix.out" 2>"$dir/err"
echo $? >"$prefix.status"
sed '/^$/,$d' "$dir/err" >"$prefix.err"
