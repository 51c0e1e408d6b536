#!/usr/bin/env bash
# bench/panic-safety.sh OUTDIR [--quick] - what panic-safety costs in code
# size and compile time, as CSV lines (scenarios 8 and 9), against the peers
# that pay for the same thing: C2y `_Defer` and `__attribute__((cleanup))`,
# both with -fexceptions (so that their deferred code also runs while an
# exception unwinds), and hand-written cleanup (not unwind-safe: the floor).
#
#   8 size ...      .text (with .text.unlikely and any other .text.*: cold
#                   code is code) + .eh_frame + .gcc_except_table of the
#                   object, in the code_bytes column.
#   9 compile ...   instructions of the cc1 job under callgrind (wall time on
#                   these shared machines is noise), or seconds where
#                   callgrind would take too long: one function with 10,000
#                   defers, and 2,000 small functions with defers inlined
#                   into one caller (records against open-coded).
#
# CSV columns as bench/run.sh's, plus code_bytes.
set -euo pipefail
out=$1
quick=0
[ "${2:-}" = --quick ] && quick=1
root=$(cd "$(dirname "$0")/.." && pwd)
clang=/usr/lib/llvm-22/bin/clang-22
plugin="-fplugin=$root/build/lib/cdefer.so -I$root/runtime/include"
mkdir -p "$out/size"
dir=$out/size

# --- Generated sources: the same functions in every peer. -----------------
# Each function owns two resources, releases them in reverse order, and has
# an early return: the shape the issue's "many functions" file describes.
gen_many() { # PEER FUNCTIONS
    local peer=$1 n=$2
    echo '#include <stdlib.h>'
    echo 'void use(void *);'
    case $peer in
    cdefer*) echo '#include <cdefer.h>' ;;
    cleanup)
        echo 'static void release(char **p) { free(*p); }'
        echo 'static void use_release(char **p) { use(*p); free(*p); }'
        ;;
    esac
    for i in $(seq 0 $((n - 1))); do
        case $peer in
        hand) cat <<C
int f$i(int n) {
    char *a = malloc(16);
    char *b = malloc(32);
    if (n > $i) {
        use(b); free(b);
        free(a);
        return -1;
    }
    use(a);
    use(b); free(b);
    free(a);
    return n;
}
C
        ;;
        c2y | cdefer*)
            local d=defer
            [ "$peer" = c2y ] && d=_Defer
            cat <<C
int f$i(int n) {
    char *a = malloc(16);
    $d free(a);
    char *b = malloc(32);
    $d { use(b); free(b); }
    if (n > $i)
        return -1;
    use(a);
    return n;
}
C
        ;;
        cleanup) cat <<C
int f$i(int n) {
    __attribute__((cleanup(release))) char *a = malloc(16);
    __attribute__((cleanup(use_release))) char *b = malloc(32);
    if (n > $i)
        return -1;
    use(a);
    return n;
}
C
        ;;
        esac
    done
}

# One function with N defers (quadratic optimizer passes show here first).
gen_wide() { # PEER DEFERS
    local peer=$1 n=$2 d=defer
    [ "$peer" = c2y ] && d=_Defer
    echo 'void use(int);'
    [ "$peer" = c2y ] || echo '#include <cdefer.h>'
    echo 'int wide(int n) {'
    for i in $(seq 0 $((n - 1))); do
        echo "    $d use($i);"
    done
    echo '    return n;'
    echo '}'
}

# N small functions with a defer each, all inlined into one caller.
gen_inlined() { # FUNCTIONS
    echo '#include <cdefer.h>'
    echo 'void use(int);'
    for i in $(seq 0 $(($1 - 1))); do
        echo "static void f$i(int n) { defer use(n + $i); if (n > $i) return; use($i); }"
    done
    echo 'void caller(int n) {'
    for i in $(seq 0 $(($1 - 1))); do
        echo "    f$i(n);"
    done
    echo '}'
}

flags_for() { # PEER -> compiler flags
    case $1 in
    hand) echo "" ;;
    c2y) echo "-fdefer-ts -fexceptions" ;;
    cleanup) echo "-fexceptions" ;;
    cdefer-open) echo "$plugin" ;;
    cdefer-records) echo "$plugin -fplugin-arg-cdefer-strategy=runtime" ;;
    esac
}

code_bytes() { # OBJECT
    size -A "$1" | awk '$1 ~ /^\.text/ || $1 == ".eh_frame" || $1 == ".gcc_except_table" { s += $2 } END { print s + 0 }'
}

cc1_instructions() { # SOURCE FLAGS...
    local src=$1 cc1 f
    shift
    f=$(mktemp)
    cc1=$("$clang" -### "$@" -c "$src" -o /dev/null 2>&1 | tail -1)
    eval valgrind --tool=callgrind --callgrind-out-file="$f" "$cc1" >/dev/null 2>&1
    sed -n 's/^summary: //p' "$f"
    rm -f "$f"
}

seconds() { # SOURCE FLAGS... -> wall seconds of one compile
    local src=$1 start end
    shift
    start=$(date +%s%N)
    "$clang" "$@" -c "$src" -o /dev/null
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }'
}

peers="hand c2y cleanup cdefer-open"
many=2000 counted=200 wide=10000 inlined=2000
[ $quick = 1 ] && many=50 counted=20 wide=200 inlined=50

# --- 8: code size. ----------------------------------------------------------
for peer in $peers; do
    gen_many $peer $many >"$dir/many-$peer.c"
    gen_many $peer $counted >"$dir/counted-$peer.c"
done
for opt in -O0 -O2; do
    for peer in $peers; do
        $clang $opt $(flags_for $peer) -c "$dir/many-$peer.c" -o "$dir/many-$peer$opt.o"
        echo "8 size $many functions $opt,$peer,,,,$(code_bytes "$dir/many-$peer$opt.o")"
    done
    for peer in hand c2y cleanup cdefer-open cdefer-records; do
        def=PEER_$(echo "${peer%-*}" | tr a-z A-Z)
        $clang $opt $(flags_for $peer) -D"$def" -c "$root/bench/scenarios.c" -o "$dir/scenarios-$peer$opt.o"
        echo "8 size scenarios.c $opt,$peer,,,,$(code_bytes "$dir/scenarios-$peer$opt.o")"
    done
done

# --- 9: compile time. -------------------------------------------------------
if command -v valgrind >/dev/null; then
    for opt in -O0 -O2; do
        for peer in $peers; do
            echo "9 compile $counted functions $opt (instructions),$peer,,$(cc1_instructions "$dir/counted-$peer.c" $opt $(flags_for $peer)),,"
        done
    done
fi
for peer in c2y cdefer-open; do
    gen_wide $peer $wide >"$dir/wide-$peer.c"
done
for opt in -O0 -O2; do
    for peer in c2y cdefer-open; do
        echo "9 compile 1 function $wide defers $opt (s),$peer,$(seconds "$dir/wide-$peer.c" $opt $(flags_for $peer)),,,"
    done
done
gen_inlined $inlined >"$dir/inlined.c"
for peer in cdefer-open cdefer-records; do
    echo "9 compile $inlined inlined functions -O2 (s),$peer,$(seconds "$dir/inlined.c" -O2 $(flags_for $peer)),,,"
done
