#!/bin/sh
# bench/model_cost.sh - what the CPU models' extras cost: cachesim with a
# preset's prefetchers on and off, and with --classify-misses=yes, against
# Cachegrind (cache and branch simulation) in the same run.
# Usage (from a configured build tree):
#   bench/model_cost.sh [REPS] [WORKLOAD...]     e.g. bench/model_cost.sh 3 gzip
# Workloads: gzip, sqlite3 (bench/run.sh's inputs) and matmul (naive, 200).
# Prints a Markdown table of the median user+system CPU seconds of REPS
# runs of each configuration, and each one's ratio to Cachegrind's, with
# geometric means.  MODEL_COST_CONFIGS="cachegrind classify ..." runs only
# the configurations named (cachegrind must be one).  Needs /usr/bin/time.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
reps=${1:-3}; [ $# -gt 0 ] && shift
. "$top/bench/inputs.sh"
bench_setup model_cost
bench_inputs "$work"
${CC:-gcc} -O2 -g -o "$work/matmul" "$top/tests/programs/matmul.c" || exit 1

workload_cmd() {
    case $1 in
        gzip)    echo "gzip -6 -c $work/text.txt" ;;
        sqlite3) echo "sqlite3 :memory: -init $work/sql.txt .quit" ;;
        matmul)  echo "$work/matmul naive 200" ;;
        *) echo "model_cost: unknown workload $1" >&2; exit 1 ;;
    esac
}

# The configurations: a label and the tool's arguments.
configs() {
    all_configs | awk -F'|' -v only=" ${MODEL_COST_CONFIGS:-} " 'only == "  " || index(only, " " $1 " ")'
}
all_configs() {
    cat <<CFG
cachegrind|--tool=cachegrind --cache-sim=yes --branch-sim=yes $GEOM --cachegrind-out-file=$work/mc.out
cachesim|--tool=cachesim $GEOM --cachesim-out-file=$work/mc.out
classify|--tool=cachesim $GEOM --classify-misses=yes --cachesim-out-file=$work/mc.out
skylake-no-pf|--tool=cachesim --cpu=skylake --D1-prefetcher=none --L2-prefetcher=none --cachesim-out-file=$work/mc.out
skylake|--tool=cachesim --cpu=skylake --cachesim-out-file=$work/mc.out
skylake-classify|--tool=cachesim --cpu=skylake --classify-misses=yes --cachesim-out-file=$work/mc.out
CFG
}

# cpu_seconds ARGS... CMD: user+system seconds of one run.
cpu_seconds() {
    /usr/bin/time -f '%U %S' -o "$work/mc.time" "$@" >/dev/null 2>"$work/mc.err" ||
        { echo "model_cost: failed: $*" >&2; tail -3 "$work/mc.err" >&2; exit 1; }
    awk '{ printf "%.2f\n", $1 + $2 }' "$work/mc.time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

workloads=${*:-gzip sqlite3 matmul}
: >"$work/mc.results"
for w in $workloads; do
    cmd=$(workload_cmd "$w") || exit 1
    r=0
    while [ $r -lt "$reps" ]; do
        # alternate the configurations, so that a slow spell hits them all
        configs | while IFS='|' read -r label args; do
            # shellcheck disable=SC2086
            echo "$w $label $(cpu_seconds "$vg" $args $cmd)"
        done >>"$work/mc.results"
        r=$((r + 1))
    done
done
labels=$(configs | cut -d'|' -f1)
printf '| workload |'; for l in $labels; do printf ' %s s |' "$l"; done
for l in $labels; do [ "$l" = cachegrind ] || printf ' %s / cachegrind |' "$l"; done; printf '\n'
printf '|---|'; for l in $labels; do printf -- '---|'; done
for l in $labels; do [ "$l" = cachegrind ] || printf -- '---|'; done; printf '\n'
for w in $workloads; do
    printf '| %s |' "$w"
    for l in $labels; do
        m=$(awk -v w="$w" -v l="$l" '$1 == w && $2 == l { print $3 }' "$work/mc.results" | median)
        eval "m_$(echo "$l" | tr - _)=$m"
        printf ' %s |' "$m"
    done
    for l in $labels; do
        [ "$l" = cachegrind ] && continue
        eval "v=\$m_$(echo "$l" | tr - _)"
        awk -v a="$v" -v b="$m_cachegrind" 'BEGIN { printf " %.2f |", a / b }'
        echo "$w $l $v $m_cachegrind" >>"$work/mc.ratios"
    done
    printf '\n'
done
printf '| geometric mean |'; for l in $labels; do printf ' |'; done
for l in $labels; do
    [ "$l" = cachegrind ] && continue
    awk -v l="$l" '$2 == l { s += log($3 / $4); n++ } END { printf " %.2f |", exp(s / n) }' "$work/mc.ratios"
done
printf '\n'
rm -f "$work/mc.ratios"
