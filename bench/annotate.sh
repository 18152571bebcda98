#!/bin/sh
# bench/annotate.sh - times csann against Valgrind's annotators on large
# profiles made here: Callgrind (--dump-instr=yes --collect-jumps=yes
# --separate-callers=3, about 100 MB) and Cachegrind, both of gcc's cc1
# compiling one of csann's own sources at -O2.
#   bench/annotate.sh [WORKDIR]     (default ${TMPDIR:-/tmp}/csann-bench)
# Profiles are reused from WORKDIR when present; delete them to remake.
# Env: CSANN (default: ./csann of this tree), CC1 (default: gcc's cc1).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-${TMPDIR:-/tmp}/csann-bench}
CSANN=${CSANN:-$top/csann}
CC1=${CC1:-$(gcc -print-prog-name=cc1 2>/dev/null)}
GEOM="--I1=32768,8,64 --D1=32768,8,64 --LL=1048576,16,64"

die() { echo "annotate.sh: $*" >&2; exit 1; }
for t in valgrind callgrind_annotate cg_annotate gcc; do
    command -v "$t" >/dev/null || die "$t is not installed"
done
[ -x "$CSANN" ] || die "build csann first ($CSANN)"
[ -x "$CC1" ] || die "cannot find cc1 (set CC1=)"
mkdir -p "$work" || die "cannot create $work"

if [ -x /usr/bin/time ] && /usr/bin/time -f %M true 2>/dev/null; then
    have_time=1
else
    have_time=0
    echo "note: /usr/bin/time (Debian package 'time') is missing: no peak RSS;"
    echo "      install it with 'apt-get install time' for memory figures."
fi

# measure LABEL OUTFILE CMD...: runs CMD, sets $secs and $rss (KB or "?").
measure() {
    label=$1; out=$2; shift 2
    if [ "$have_time" = 1 ]; then
        /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >"$out" 2>"$work/stderr.txt" \
            || die "$label failed: $(tail -n 3 "$work/stderr.txt")"
        read -r secs rss <"$work/time.txt"
    else
        start=$(date +%s.%N)
        "$@" >"$out" 2>"$work/stderr.txt" || die "$label failed"
        secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")
        rss="?"
    fi
    printf '  %-44s %8s s  %9s KB\n' "$label" "$secs" "$rss"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "?" }'; }

input=$work/input.i
[ -s "$input" ] || gcc -E -I"$top/annotate" "$top/annotate/cmd_annotate.c" -o "$input" \
    || die "cannot preprocess the input"
cl=$work/callgrind.out
cg=$work/cachegrind.out
if [ ! -s "$cl" ]; then
    echo "making $cl (Callgrind on cc1, a minute or two)..."
    valgrind --tool=callgrind --callgrind-out-file="$cl" --dump-instr=yes \
        --collect-jumps=yes --separate-callers=3 --cache-sim=yes --branch-sim=yes \
        $GEOM "$CC1" -quiet -O2 "$input" -o /dev/null >/dev/null 2>&1 \
        || die "callgrind run failed"
fi
if [ ! -s "$cg" ]; then
    echo "making $cg (Cachegrind on cc1, about a minute)..."
    valgrind --tool=cachegrind --cachegrind-out-file="$cg" --cache-sim=yes \
        --branch-sim=yes $GEOM "$CC1" -quiet -O2 "$input" -o /dev/null >/dev/null 2>&1 \
        || die "cachegrind run failed"
fi
clsize=$(wc -c <"$cl"); cgsize=$(wc -c <"$cg")
echo
echo "Callgrind profile:  $cl ($((clsize / 1048576)) MB)"
[ "$clsize" -ge 52428800 ] || echo "  warning: smaller than 50 MB"
echo "Cachegrind profile: $cg ($((cgsize / 1048576)) MB)"
echo

echo "callgrind format, --auto=yes with each tool's default threshold:"
measure "callgrind_annotate --auto=yes" "$work/cga.txt" callgrind_annotate --auto=yes "$cl"
t_ref=$secs; r_ref=$rss
measure "csann --auto=yes" "$work/csann.txt" "$CSANN" --auto=yes "$cl"
echo "  => csann is $(ratio "$t_ref" "$secs") faster; peak RSS $rss KB vs $r_ref KB"
r1=$(ratio "$t_ref" "$secs")

echo "callgrind format, every function listed, inclusive:"
measure "callgrind_annotate --inclusive=yes --threshold=100" "$work/cga-all.txt" \
    callgrind_annotate --inclusive=yes --threshold=100 --auto=yes "$cl"
t_ref=$secs; r_ref=$rss
measure "csann --inclusive=yes --threshold=0" "$work/csann-all.txt" \
    "$CSANN" --inclusive=yes --threshold=0 --auto=yes "$cl"
echo "  => csann is $(ratio "$t_ref" "$secs") faster; peak RSS $rss KB vs $r_ref KB"
r2=$(ratio "$t_ref" "$secs")

echo "Cachegrind format, --auto=yes:"
measure "cg_annotate --auto=yes" "$work/cg.txt" cg_annotate --auto=yes "$cg"
t_ref=$secs; r_ref=$rss
measure "csann --auto=yes" "$work/csann-cg.txt" "$CSANN" --auto=yes "$cg"
echo "  => csann is $(ratio "$t_ref" "$secs") faster; peak RSS $rss KB vs $r_ref KB"
r3=$(ratio "$t_ref" "$secs")

echo
echo "summary: callgrind_annotate/csann $r1 (default), $r2 (all, inclusive); cg_annotate/csann $r3"
