#!/bin/sh
# bench/run.sh - cachesim against its peers, in the same run.
#
# For each workload it runs, alternating, REPS times each: the program
# natively, under --tool=none (the floor), Cachegrind with cache and branch
# simulation, cachesim with the same geometry (full simulation without and
# with the call graph, which is the default, and Ir only), and Callgrind
# with cache and branch simulation.  It prints a Markdown
# table of median wall times, peak memory and the ratios, with geometric
# means.  Usage (from a configured build tree):
#   bench/run.sh [REPS] [WORKLOAD...]        e.g. bench/run.sh 3 gzip matmul
# (python3, importing a dozen standard modules, is there too but not run
# by default: it is the case of much code run a few times.)
# Needs /usr/bin/time (Debian package "time").
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
reps=${1:-3}; [ $# -gt 0 ] && shift
vg="$top/vg-in-place"
[ -x "$vg" ] || { echo "bench: build first (no $vg)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work=${BENCH_WORK:-$top/bench/work}
mkdir -p "$work"
GEOM="--I1=32768,8,64 --D1=32768,8,64 --LL=8388608,16,64"
cc=${CC:-gcc}

# ---- inputs and programs (generated, nothing downloaded) ----
prepare() {
    [ -f "$work/text.txt" ] || awk 'BEGIN { s = 7; for (i = 0; i < 120000; i++) {
        s = (s * 1103515245 + 12345) % 2147483648;
        printf "%08d record %d value %d name%d\n", s % 100000000, i, s % 9973, s % 211 } }' >"$work/text.txt"
    [ -f "$work/sql.txt" ] || awk 'BEGIN { print "CREATE TABLE t(a INTEGER, b TEXT);"; print "BEGIN;";
        s = 3; for (i = 0; i < 20000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
        printf "INSERT INTO t VALUES(%d, \"row%d\");\n", s % 100000, i } print "COMMIT;";
        print "SELECT count(*), sum(a) FROM t WHERE a % 7 = 3;";
        print "SELECT b FROM t ORDER BY a LIMIT 5;" }' >"$work/sql.txt"
    $cc -O2 -g -o "$work/matmul" "$top/tests/programs/matmul.c"
    $cc -O2 -g -o "$work/chase" "$top/tests/programs/chase.c"
    $cc -O2 -g -o "$work/bsort" "$top/bench/programs/bsort.c"
    $cc -O2 -g -pthread -o "$work/threads" "$top/tests/programs/threads.c"
    echo "import json, decimal, email.parser, http.client, argparse, logging, unittest, xml.dom.minidom, sqlite3, asyncio" >"$work/imports.py"
}

workload_cmd() {
    case $1 in
        gzip)    echo "gzip -6 -c $work/text.txt" ;;
        bzip2)   echo "bzip2 -9 -c $work/text.txt" ;;
        sort)    echo "sort -n $work/text.txt" ;;
        sqlite3) echo "sqlite3 :memory: -init $work/sql.txt .quit" ;;
        matmul)  echo "$work/matmul naive 400" ;;
        chase)   echo "$work/chase 2097152 3000000" ;;
        bsort)   echo "$work/bsort 2000000" ;;
        threads) echo "$work/threads 20000000" ;;
        # Not in the default set: much code run a few times (see docs/performance.md).
        python3) [ -x /usr/bin/python3 ] && echo "/usr/bin/python3 $work/imports.py" ;;
    esac
}

tool_args() {
    case $1 in
        native)    echo "" ;;
        none)      echo "$vg -q --tool=none" ;;
        cachegrind) echo "$vg -q --tool=cachegrind --cache-sim=yes --branch-sim=yes $GEOM --cachegrind-out-file=$work/out.cg" ;;
        cachesim)  echo "$vg -q --tool=cachesim --call-graph=no $GEOM --cachesim-out-file=$work/out.cs" ;;
        cs_ir)     echo "$vg -q --tool=cachesim --cache-sim=no --branch-sim=no --cachesim-out-file=$work/out.csir" ;;
        cs_cg)     echo "$vg -q --tool=cachesim --call-graph=yes $GEOM --cachesim-out-file=$work/out.cscg" ;;
        callgrind) echo "$vg -q --tool=callgrind --cache-sim=yes --branch-sim=yes $GEOM --callgrind-out-file=$work/out.cl" ;;
    esac
}

TOOLS="native none cachegrind cachesim cs_ir cs_cg callgrind"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

prepare
workloads=${*:-"gzip bzip2 sort sqlite3 matmul chase bsort threads"}
results="$work/results.txt"
: >"$results"
for w in $workloads; do
    cmd=$(workload_cmd "$w")
    [ -n "$cmd" ] || { echo "bench: unknown workload $w" >&2; exit 1; }
    i=0
    while [ $i -lt "$reps" ]; do
        for t in $TOOLS; do
            # shellcheck disable=SC2046
            /usr/bin/time -f "%e %M" -o "$work/time.txt" $(tool_args $t) $cmd >/dev/null 2>"$work/err.txt" ||
                { echo "bench: $w under $t failed:" >&2; tail -5 "$work/err.txt" >&2; exit 1; }
            echo "$w $t $(cat "$work/time.txt")" >>"$results"
        done
        i=$((i + 1))
    done
    echo "bench: $w done" >&2
done

# ---- the table ----
printf '| workload | native s | none s | cachegrind s | cachesim s | cachesim Ir-only s | cachesim call-graph s | callgrind s | cachesim/cachegrind | Ir-only/none | call-graph/cachegrind | cachesim MB | cachegrind MB | call-graph MB | callgrind MB |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for w in $workloads; do
    for t in $TOOLS; do
        eval "t_$t=\$(awk -v w=$w -v t=$t '\$1 == w && \$2 == t { print \$3 }' \"$results\" | median)"
        eval "m_$t=\$(awk -v w=$w -v t=$t '\$1 == w && \$2 == t { print \$4 }' \"$results\" | median)"
    done
    # shellcheck disable=SC2154
    awk -v w="$w" -v n="$t_native" -v z="$t_none" -v cg="$t_cachegrind" -v cs="$t_cachesim" \
        -v ir="$t_cs_ir" -v ccg="$t_cs_cg" -v cl="$t_callgrind" -v mcs="$m_cachesim" -v mcg="$m_cachegrind" \
        -v mccg="$m_cs_cg" -v mcl="$m_callgrind" \
        'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f |\n",
                 w, n, z, cg, cs, ir, ccg, cl, cs / cg, ir / z, ccg / cg, mcs / 1024, mcg / 1024, mccg / 1024, mcl / 1024 }'
done | tee "$work/table.txt"
awk -F '|' '{ r1 += log($10); r2 += log($11); r3 += log($12); n++ }
    END { printf "| **geometric mean** | | | | | | | | **%.2f** | **%.2f** | **%.2f** | | | | |\n", exp(r1 / n), exp(r2 / n), exp(r3 / n) }' "$work/table.txt"
