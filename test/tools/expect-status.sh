#!/usr/bin/env bash
# Usage: expect-status.sh N COMMAND...
# Runs COMMAND and fails unless it exits with status N.
want=$1
shift
"$@"
got=$?
if [ "$got" != "$want" ]; then
    echo "expect-status: exit status $got, expected $want" >&2
    exit 1
fi
