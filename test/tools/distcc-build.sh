#!/usr/bin/env bash
# Usage: distcc-build.sh WORKDIR CDEFER_CC PROJECT_DIR
# Starts a distccd on 127.0.0.1 (a free port, this test's only), builds the
# project's two files through `distcc cdefer-cc` with local fallback
# disabled, links, runs, and compares with a local build.
set -eu
work=$1 cc=$2 project=$3
port=$((30000 + RANDOM % 20000))
mkdir -p "$work/remote" "$work/local" "$work/daemon"
# distccd, started as root, drops to the distcc user: give it a place to log.
chmod 1777 "$work/daemon"
# distccd runs only the compilers it is told of.
export DISTCC_CMDLIST="$work/cmdlist"
echo "$cc" >"$DISTCC_CMDLIST"
TMPDIR="$work/daemon" distccd --daemon --no-detach --listen 127.0.0.1 --allow 127.0.0.1 \
    --port "$port" --log-file "$work/daemon/distccd.log" --log-level info \
    --jobs 2 &
daemon=$!
trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
export DISTCC_HOSTS="127.0.0.1:$port/2"
export DISTCC_FALLBACK=0
export DISTCC_LOG="$work/distcc.log"
export DISTCC_VERBOSE=1
for f in main sum; do
    distcc "$cc" -O2 -c "$project/$f.c" -o "$work/remote/$f.o"
    "$cc" -O2 -c "$project/$f.c" -o "$work/local/$f.o"
done
remote=$(grep -c "COMPILE_OK" "$work/daemon/distccd.log" || true)
echo "distcc compiled $remote files remotely"
"$cc" "$work/remote/main.o" "$work/remote/sum.o" -o "$work/remote/sumsq"
"$cc" "$work/local/main.o" "$work/local/sum.o" -o "$work/local/sumsq"
"$work/remote/sumsq" "$project/numbers.txt" >"$work/remote.out"
"$work/local/sumsq" "$project/numbers.txt" >"$work/local.out"
cmp "$work/remote.out" "$work/local.out" && echo "outputs equal"
