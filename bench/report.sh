#!/usr/bin/env bash
# bench/report.sh CSV PNG - the table (scenario x peer: median ns,
# instructions, code bytes, ratio to the scenario's reference) and a chart
# of the ratios. The reference is C2y _Defer with -fexceptions for code size
# and compile time against the peers that pay for panic-safety (8, 9),
# open-coded cdefer for records inlined (9), hand-written code where the
# scenario has it, plain clang-22 for the plugin's compile time (7), and
# clang++'s throw/catch for panics.
set -euo pipefail
csv=$1 png=$2
table=$(awk -F, '
    NR == 1 { next }
    { key = $1 SUBSEP $2; ns[key] = $3; ins[key] = $4; bytes[key] = $5; code[key] = $6
      if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 }
      peers[$1] = peers[$1] "," $2 }
    function reference(s) {
        if (s ~ /^9 .*inlined/) return "cdefer-open"
        if (s ~ /^[89] / && (s SUBSEP "c2y") in ns) return "c2y"
        if ((s SUBSEP "hand") in ns) return "hand"
        if ((s SUBSEP "clang-22") in ns) return "clang-22"
        if ((s SUBSEP "clang++") in ns) return "clang++"
        return ""
    }
    END {
        printf "| scenario | peer | median ns | instructions | code bytes | ratio | bytes/pending |\n"
        printf "|---|---|---:|---:|---:|---:|---:|\n"
        for (i = 1; i <= n; i++) {
            s = order[i]; ref = reference(s)
            m = split(substr(peers[s], 2), p, ",")
            for (j = 1; j <= m; j++) {
                key = s SUBSEP p[j]; ratio = ""
                if (ref != "" && ns[s SUBSEP ref] > 0)
                    ratio = sprintf("%.2f", ns[key] / ns[s SUBSEP ref])
                else if (ref != "" && ins[s SUBSEP ref] > 0)
                    ratio = sprintf("%.3f", ins[key] / ins[s SUBSEP ref])
                else if (ref != "" && code[s SUBSEP ref] > 0)
                    ratio = sprintf("%.3f", code[key] / code[s SUBSEP ref])
                v = ns[key]; unit = ""
                if (s ~ /^7/ && v != "") { v = sprintf("%.2f", v / 1e9); unit = " s" }
                else if (s ~ /\(s\)$/ && v != "") unit = " s"
                printf "| %s | %s | %s%s | %s | %s | %s | %s |\n", s, p[j],
                       v, unit, ins[key], code[key], ratio, bytes[key]
            }
        }
    }' "$csv")
echo "$table"
echo "$table" >"${csv%.csv}.md"

command -v gnuplot >/dev/null || { echo "(gnuplot not installed: no chart)" >&2; exit 0; }
data=$(mktemp)
trap 'rm -f "$data"' EXIT
echo "$table" | awk -F'|' 'NR > 2 && $7 ~ /[0-9]/ {
    gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3); gsub(/ /, "", $7)
    printf "\"%s: %s\" %s\n", $2, $3, $7 }' >"$data"
gnuplot <<GP
set terminal pngcairo size 1400,900 font "DejaVu Sans,10" noenhanced
set output "$png"
set title "cdefer benchmarks: time, instructions or size relative to the scenario's reference, log scale"
set style data histogram
set style fill solid 0.8
set boxwidth 0.8
set logscale y
set ylabel "ratio to reference (lower is better)"
set xtics rotate by -60 font ",8"
set grid ytics
unset key
plot "$data" using 2:xtic(1) lc rgb "#3b6ea8"
GP
echo "chart: $png" >&2
