#!/usr/bin/env bash
# bench/compile-time.sh OUTDIR REPS - the plugin's compile-time overhead, as
# CSV lines: a large defer-free translation unit and one with thousands of
# defers, each compiled with and without the plugin (the second without the
# plugin as -DCDEFER_TOOLING, where a defer reads as `for (;0;) S`). At -O0,
# where the front end (and so the plugin) is the largest share of the time:
# the ratio is the worst case; -O2 only adds time that both pay.
set -euo pipefail
out=$1 reps=$2
root=$(cd "$(dirname "$0")/.." && pwd)
clang=/usr/lib/llvm-22/bin/clang-22
plugin="-fplugin=$root/build/lib/cdefer.so"

# 100k+ lines of ordinary C, no defers: many small functions and structs.
gen_plain() {
    echo '#include <stdlib.h>'
    echo '#include <string.h>'
    for i in $(seq 0 5599); do
        cat <<C
struct rec$i { int id; char name[16]; double score; struct rec$i *next; };
static int cmp$i(const void *a, const void *b) {
    const struct rec$i *x = a, *y = b;
    if (x->score < y->score)
        return -1;
    return x->score > y->score;
}
int process$i(struct rec$i *r, int n) {
    int total = 0;
    for (int k = 0; k < n; k++) {
        if (r[k].id < 0)
            continue;
        total += r[k].id * $i;
        memset(r[k].name, 0, sizeof r[k].name);
    }
    qsort(r, (size_t)n, sizeof *r, cmp$i);
    return total;
}
C
    done
}

# Thousands of defers: functions with open-coded and loop defers.
gen_defers() {
    echo '#include <cdefer.h>'
    echo '#include <stdlib.h>'
    echo 'void use(void *);'
    for i in $(seq 0 1999); do
        cat <<C
int with_defers$i(int n) {
    char *a = malloc(16);
    defer free(a);
    char *b = malloc(32);
    defer { free(b); }
    for (int k = 0; k < n; k++)
        defer use(a + k);
    if (n > $i)
        return -1;
    use(b);
    return n;
}
C
    done
}

gen_plain >"$out/large-plain.c"
gen_defers >"$out/large-defers.c"

time_it() { # FLAGS... -> median nanoseconds
    local start end
    for _ in $(seq "$reps"); do
        start=$(date +%s%N)
        "$clang" -O0 -c "$@" -o /dev/null
        end=$(date +%s%N)
        echo $((end - start))
    done | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

lines=$(wc -l <"$out/large-plain.c")
base=$(time_it "$out/large-plain.c")
with=$(time_it $plugin "$out/large-plain.c")
echo "7 compile ${lines} lines no defers,clang-22,$base,,"
echo "7 compile ${lines} lines no defers,cdefer-plugin,$with,,"
defers=$(grep -c "defer " "$out/large-defers.c")
base=$(time_it -DCDEFER_TOOLING -I"$root/runtime/include" "$out/large-defers.c")
with=$(time_it $plugin -I"$root/runtime/include" "$out/large-defers.c")
echo "7 compile $defers defers,clang-22,$base,,"
echo "7 compile $defers defers,cdefer-plugin,$with,,"

# Instructions (callgrind, repeatable) for the front end and back end on a
# 20k-line slice of the defer-free file: the noise-free view of the same
# overhead.
if command -v valgrind >/dev/null; then
    awk '/^struct rec1000 /{ exit } { print }' "$out/large-plain.c" >"$out/slice-plain.c"
    count() { # FLAGS... -> instructions of the cc1 job
        local cc1 f
        f=$(mktemp)
        cc1=$("$clang" -### -O0 "$@" -c "$out/slice-plain.c" -o /dev/null 2>&1 | tail -1)
        eval valgrind --tool=callgrind --callgrind-out-file="$f" "$cc1" >/dev/null 2>&1
        sed -n 's/^summary: //p' "$f"
        rm -f "$f"
    }
    slice=$(wc -l <"$out/slice-plain.c")
    echo "7 compile $slice lines no defers (instructions),clang-22,,$(count),"
    echo "7 compile $slice lines no defers (instructions),cdefer-plugin,,$(count $plugin),"
fi
