#!/usr/bin/env bash
# bench/report.sh CSV PNG - the table (scenario x peer: median ns,
# instructions, ratio to the scenario's reference) and a chart of the ratios.
# The reference is hand-written code where the scenario has it, plain
# clang-22 for compile time, and clang++'s throw/catch for panics.
set -euo pipefail
csv=$1 png=$2
table=$(awk -F, '
    NR == 1 { next }
    { key = $1 SUBSEP $2; ns[key] = $3; ins[key] = $4; bytes[key] = $5
      if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 }
      peers[$1] = peers[$1] "," $2 }
    function reference(s) {
        if ((s SUBSEP "hand") in ns) return "hand"
        if ((s SUBSEP "clang-22") in ns) return "clang-22"
        if ((s SUBSEP "clang++") in ns) return "clang++"
        return ""
    }
    END {
        printf "| scenario | peer | median ns | instructions | ratio | bytes/pending |\n"
        printf "|---|---|---:|---:|---:|---:|\n"
        for (i = 1; i <= n; i++) {
            s = order[i]; ref = reference(s)
            m = split(substr(peers[s], 2), p, ",")
            for (j = 1; j <= m; j++) {
                key = s SUBSEP p[j]; ratio = ""
                if (ref != "" && ns[s SUBSEP ref] > 0)
                    ratio = sprintf("%.2f", ns[key] / ns[s SUBSEP ref])
                else if (ref != "" && ins[s SUBSEP ref] > 0)
                    ratio = sprintf("%.3f", ins[key] / ins[s SUBSEP ref])
                v = ns[key]; unit = ""
                if (s ~ /^7/ && v != "") { v = v / 1e9; unit = " s" }
                printf "| %s | %s | %s%s | %s | %s | %s |\n", s, p[j],
                       (s ~ /^7/ && v != "" ? sprintf("%.2f", v) : v), unit, ins[key], ratio, bytes[key]
            }
        }
    }' "$csv")
echo "$table"
echo "$table" >"${csv%.csv}.md"

command -v gnuplot >/dev/null || { echo "(gnuplot not installed: no chart)" >&2; exit 0; }
data=$(mktemp)
trap 'rm -f "$data"' EXIT
echo "$table" | awk -F'|' 'NR > 2 && $6 ~ /[0-9]/ {
    gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3); gsub(/ /, "", $6)
    printf "\"%s: %s\" %s\n", $2, $3, $6 }' >"$data"
gnuplot <<GP
set terminal pngcairo size 1400,900 font "DejaVu Sans,10" noenhanced
set output "$png"
set title "cdefer benchmarks: time relative to the reference (hand-written; clang-22; clang++ throw/catch), log scale"
set style data histogram
set style fill solid 0.8
set boxwidth 0.8
set logscale y
set ylabel "ratio to reference (lower is faster)"
set xtics rotate by -60 font ",8"
set grid ytics
unset key
plot "$data" using 2:xtic(1) lc rgb "#3b6ea8"
GP
echo "chart: $png" >&2
