#!/bin/sh
# bench/run.sh - cachesim against its peers, in the same run.
#
# For each workload it runs, alternating, REPS times each: the program
# natively, under --tool=none (the floor), Cachegrind with cache and branch
# simulation, cachesim with the same geometry (full simulation without and
# with the call graph, which is the default, and Ir only), and Callgrind
# with cache and branch simulation.  It prints a Markdown table of median
# times, peak memory, profile sizes and the ratios, with geometric means.
# Usage (from a configured build tree):
#   bench/run.sh [REPS] [WORKLOAD...]        e.g. bench/run.sh 3 gzip cc1
# The default set is the loop kernels (gzip bzip2 sort sqlite3 matmul chase
# bsort threads) and four real programs that run much code: cc1 (GCC's
# compiler proper at -O2), python3, perl and bat (a Rust program; installed
# with apt-get when missing and run as root, else skipped with a message).
# BENCH_TIME=cpu puts user+system CPU time in the table instead of wall
# time (steadier on a shared machine); BENCH_WORK sets the work directory.
# BENCH_CPUS="skylake zen3" (or "all") also runs cachesim with each of
# these --cpu presets (call graph off; `csann cpu` lists them) and adds,
# per preset, its time and its ratio to Cachegrind's at the table's end;
# BENCH_CPU_ARGS adds options to those preset runs only (for example
# BENCH_CPU_ARGS="--D1-prefetcher=none --L2-prefetcher=none": the presets'
# caches without their prefetchers).
# Needs /usr/bin/time (Debian package "time").
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
reps=${1:-3}; [ $# -gt 0 ] && shift
. "$top/bench/inputs.sh"
bench_setup bench
cc=${CC:-gcc}
# GCC's compiler proper, whatever CC is (cc1's input is made with gcc too).
cc1=$(gcc -print-prog-name=cc1 2>/dev/null)
# Hash seeds fixed, so that every run of a workload does the same work.
PERL_HASH_SEED=0; PYTHONHASHSEED=0; export PERL_HASH_SEED PYTHONHASHSEED

# ---- inputs and programs (generated from what is here, nothing downloaded) ----

# cc1's input: the project's csann sources that compile together as one
# translation unit, taken in order of file name (a file whose names clash
# with those already in is left out), preprocessed, until the unit is 75 to
# 85 KB: about 700 lines of code after 55 KB of libc declarations.
make_cc1_input() {
    out=$work/cc1-input.i
    [ -s "$out" ] && return 0
    incs=$(find "$top/annotate" -type d | sed 's/^/-I/')
    : >"$work/unit.c"
    for f in $(find "$top/annotate" -name '*.c' | awk -F/ '{ print $NF, $0 }' | sort | cut -d' ' -f2); do
        { cat "$work/unit.c"; echo "#include \"$f\""; } >"$work/try.c"
        # shellcheck disable=SC2086
        if ! gcc -E -P $incs -DCSANN_VERSION='"bench"' "$work/try.c" -o "$work/try.i" 2>/dev/null ||
           ! gcc -fsyntax-only -w "$work/try.i" 2>/dev/null; then
            continue
        fi
        [ "$(wc -c <"$work/try.i")" -le 87040 ] || continue
        mv "$work/try.c" "$work/unit.c"; mv "$work/try.i" "$out.tmp"
        [ "$(wc -c <"$out.tmp")" -ge 76800 ] && break
    done
    rm -f "$work/try.c" "$work/try.i"
    [ -s "$out.tmp" ] && mv "$out.tmp" "$out"
}

# bat: Debian's package installs it as batcat.
bat_path() { command -v batcat || command -v bat; }

prepare() {
    bench_inputs "$work"
    $cc -O2 -g -o "$work/matmul" "$top/tests/programs/matmul.c"
    $cc -O2 -g -o "$work/chase" "$top/tests/programs/chase.c"
    $cc -O2 -g -o "$work/bsort" "$top/bench/programs/bsort.c"
    $cc -O2 -g -pthread -o "$work/threads" "$top/tests/programs/threads.c"
    cat >"$work/python3.py" <<'PY'
import json, decimal, email.parser, http.client, argparse, logging, unittest, xml.dom.minidom, sqlite3, asyncio, csv, datetime, textwrap, fractions
d = {"key%d" % i: [i, str(i), {"half": i / 2, "odd": i % 2 == 1}] for i in range(20000)}
assert json.loads(json.dumps(d, sort_keys=True)) == d
PY
    cat >"$work/perl.pl" <<'PL'
my %h; $h{"key$_"} = $_ for 1 .. 200000;
my $s = 0; $s += $h{"key$_"} for 1 .. 200000;
print "$s\n";
PL
    case " $workloads " in *" cc1 "*)
        if [ ! -x "$cc1" ]; then
            echo "bench: GCC's cc1 not found (gcc -print-prog-name=cc1); the cc1 workload is SKIPPED" \
                 "and left out of the means" >&2
            workloads=$(echo " $workloads " | sed 's/ cc1 / /')
        else
            make_cc1_input || { echo "bench: could not make cc1's input from $top/annotate" >&2; exit 1; }
        fi ;;
    esac
    case " $workloads " in *" bat "*)
        if [ -z "$(bat_path)" ]; then
            if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
                echo "bench: installing bat (apt-get install bat)" >&2
                apt-get install -y bat >"$work/apt.txt" 2>&1 || tail -3 "$work/apt.txt" >&2
            fi
            if [ -z "$(bat_path)" ]; then
                echo "bench: bat is not installed and cannot be installed here (needs root and apt-get:" \
                     "apt-get install bat); the bat workload is SKIPPED and left out of the means" >&2
                workloads=$(echo " $workloads " | sed 's/ bat / /')
            fi
        fi ;;
    esac
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
        # Real programs: much code, most of it run a few times.
        cc1)     echo "$cc1 -quiet -O2 $work/cc1-input.i -o /dev/null" ;;
        python3) echo "/usr/bin/python3 $work/python3.py" ;;
        perl)    echo "/usr/bin/perl $work/perl.pl" ;;
        bat)     echo "$(bat_path) --color=always --paging=never --style=plain /usr/include/stdlib.h" ;;
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
        # A --cpu preset (BENCH_CPUS); Cachegrind's model takes the geometry.
        cpu_cachegrind) echo "$vg -q --tool=cachesim --call-graph=no --cpu=cachegrind $GEOM --cachesim-out-file=$work/out.cpu" ;;
        cpu_*)     echo "$vg -q --tool=cachesim --call-graph=no --cpu=${1#cpu_} ${BENCH_CPU_ARGS:-} --cachesim-out-file=$work/out.cpu" ;;
    esac
}

# The profile a tool's run wrote, for the size columns.
tool_out() {
    case $1 in
        cs_cg)     echo "$work/out.cscg" ;;
        callgrind) echo "$work/out.cl" ;;
    esac
}

TOOLS="native none cachegrind cachesim cs_ir cs_cg callgrind"

# The presets of BENCH_CPUS, checked against csann's list.
cpus=${BENCH_CPUS:-}
if [ "$cpus" = all ]; then
    cpus=$("$top/csann" cpu | awk '/^  [a-z]/ && $1 != "cachegrind" { print $1 }')
fi
for c in $cpus; do
    "$top/csann" cpu "$c" >/dev/null 2>&1 ||
        { echo "bench: BENCH_CPUS: no preset $c (csann cpu lists them)" >&2; exit 1; }
    TOOLS="$TOOLS cpu_$c"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ALL="gzip bzip2 sort sqlite3 matmul chase bsort threads cc1 python3 perl bat"
workloads=${*:-$ALL}
for w in $workloads; do
    case " $ALL " in
        *" $w "*) ;;
        *) echo "bench: unknown workload $w" >&2; exit 1 ;;
    esac
done
prepare
results="$work/results.txt"
: >"$results"
for w in $workloads; do
    cmd=$(workload_cmd "$w")
    i=0
    while [ $i -lt "$reps" ]; do
        for t in $TOOLS; do
            out=$(tool_out "$t")
            [ -n "$out" ] && rm -f "$out"
            # shellcheck disable=SC2046,SC2086
            /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" $(tool_args $t) $cmd >/dev/null 2>"$work/err.txt" ||
                { echo "bench: $w under $t failed:" >&2; tail -5 "$work/err.txt" >&2; exit 1; }
            size=0
            [ -n "$out" ] && size=$(wc -c <"$out")
            echo "$w $t $(cat "$work/time.txt") $size" >>"$results"
        done
        i=$((i + 1))
    done
    echo "bench: $w done" >&2
done

# ---- the table ----
# results.txt: workload tool wall-s user-s system-s peak-KB profile-bytes
cpu=0
[ "${BENCH_TIME:-wall}" = cpu ] && { cpu=1; echo "(times: user+system CPU seconds)"; }
value() {   # WORKLOAD TOOL AWK-EXPR: the median of the expression over the runs
    awk -v w="$1" -v t="$2" -v cpu=$cpu "\$1 == w && \$2 == t { print $3 }" "$results" | median
}
# The presets' columns, after the others: per preset its time and its
# ratio to Cachegrind's.
head=""; rule=""
for c in $cpus; do head="$head $c s | $c/cachegrind |"; rule="$rule---|---|"; done
printf '| workload | native s | none s | cachegrind s | cachesim s | cachesim Ir-only s | cachesim call-graph s | callgrind s | cachesim/cachegrind | Ir-only/none | call-graph/cachegrind | cachesim MB | cachegrind MB | call-graph MB | callgrind MB | call-graph profile MB | callgrind profile MB | profile/callgrind |%s\n' "$head"
printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%s\n' "$rule"
for w in $workloads; do
    for t in $TOOLS; do
        # shellcheck disable=SC2016
        v=$(value "$w" "$t" 'cpu ? $4 + $5 : $3'); eval "t_$t=\$v"
        # shellcheck disable=SC2016
        v=$(value "$w" "$t" '$6'); eval "m_$t=\$v"
        # shellcheck disable=SC2016,SC2034
        v=$(value "$w" "$t" '$7'); eval "p_$t=\$v"
    done
    # shellcheck disable=SC2154
    awk -v w="$w" -v n="$t_native" -v z="$t_none" -v cg="$t_cachegrind" -v cs="$t_cachesim" \
        -v ir="$t_cs_ir" -v ccg="$t_cs_cg" -v cl="$t_callgrind" -v mcs="$m_cachesim" -v mcg="$m_cachegrind" \
        -v mccg="$m_cs_cg" -v mcl="$m_callgrind" -v pcs="$p_cs_cg" -v pcl="$p_callgrind" \
        'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %.1f |\n",
                 w, n, z, cg, cs, ir, ccg, cl, cs / cg, ir / z, ccg / cg, mcs / 1024, mcg / 1024, mccg / 1024, mcl / 1024,
                 pcs / 1048576, pcl / 1048576, (pcl > 0 ? pcs / pcl : 0) }' | tr -d '\n'
    for c in $cpus; do
        # shellcheck disable=SC2016
        awk -v t="$(value "$w" "cpu_$c" 'cpu ? $4 + $5 : $3')" -v cg="$t_cachegrind" \
            'BEGIN { printf " %.2f | %.2f |", t, t / cg }'
    done
    echo
done | tee "$work/table.txt"
# Geometric means of the three ratios: over every workload run, and, when
# both kinds were run, over the loop kernels and the real programs apart.
# The presets' ratios are every second column from the 21st field on.
gmean() {   # LABEL AWK-CONDITION-ON-THE-WORKLOAD-NAME
    awk -F '|' -v label="$1" "{ w = \$2; gsub(/ /, \"\", w) } $2 { r1 += log(\$10); r2 += log(\$11); r3 += log(\$12); n++
            for (i = 21; i < NF; i += 2) rc[i] += log(\$i) }
        END { if (!n) exit
              printf \"| **%s** | | | | | | | | **%.2f** | **%.2f** | **%.2f** | | | | | | | |\", label, exp(r1 / n), exp(r2 / n), exp(r3 / n)
              for (i = 21; i in rc; i += 2) printf \" | **%.2f** |\", exp(rc[i] / n)
              printf \"\\n\" }" "$work/table.txt"
}
real='w ~ /^(cc1|python3|perl|bat)$/'
gmean "geometric mean" 1
if grep -q -E '^\| (cc1|python3|perl|bat) ' "$work/table.txt" && grep -q -v -E '^\| (cc1|python3|perl|bat) ' "$work/table.txt"; then
    gmean "geometric mean, kernels" "!($real)"
    gmean "geometric mean, real programs" "$real"
fi
