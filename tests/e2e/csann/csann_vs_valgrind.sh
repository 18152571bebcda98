#!/bin/sh
# csann_vs_valgrind: on profiles written during the test by the installed
# Valgrind (Callgrind with line and with instr+jump positions, Cachegrind),
# csann's per-function numbers, inclusive numbers and program totals agree
# with callgrind_annotate's and cg_annotate's (numbers compared, not layout).
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann
command -v valgrind >/dev/null || { note "SKIP: no valgrind"; exit 0; }
command -v callgrind_annotate >/dev/null || fail "callgrind_annotate missing"
command -v cg_annotate >/dev/null || fail "cg_annotate missing"

cp "$G/src/loops.c" "$W/" || fail "copy"
(cd "$W" && ${CC:-gcc} -g -O1 -o loops loops.c) || fail "compile loops.c"
EV13=13
cl() {  # OUT OPTIONS...: a Callgrind profile of loops
    out=$1; shift
    (cd "$W" && valgrind --tool=callgrind --callgrind-out-file="$out" "$@" \
        --cache-sim=yes --branch-sim=yes $GEOM ./loops 3000 >/dev/null 2>&1) \
        || fail "callgrind $*"
}
cl cl-line.out
cl cl-instr.out --dump-instr=yes --collect-jumps=yes
(cd "$W" && valgrind --tool=cachegrind --cachegrind-out-file=cg.out --branch-sim=yes \
    $GEOM ./loops 3000 >/dev/null 2>&1) || fail "cachegrind"

totals() {  # the PROGRAM TOTALS numbers of a report on stdin
    grep 'PROGRAM TOTALS' | sed 's/([ 0-9.]*%)//g; s/PROGRAM TOTALS//; s/,//g' | tr -s ' ' | sed 's/^ //; s/ $//'
}
compare() {  # NAME REF-FILE CSANN-FILE
    [ -s "$2" ] || fail "$1: the Valgrind annotator listed no functions"
    if ! cmp -s "$2" "$3"; then
        diff "$2" "$3" | head -n 20
        fail "$1: csann's numbers differ from Valgrind's annotator"
    fi
    note "$1: $(wc -l <"$2") functions agree"
}

for prof in cl-line.out cl-instr.out; do
    # Run the Perl tool from / so that it does not strip $PWD from names.
    (cd / && callgrind_annotate --threshold=100 --auto=no "$W/$prof") >"$W/ref.txt" \
        || fail "callgrind_annotate $prof"
    "$CSANN" --threshold=0 --auto=no "$W/$prof" >"$W/our.txt" || fail "csann $prof"
    fn_table $EV13 <"$W/ref.txt" >"$W/ref.tab"
    fn_table $EV13 <"$W/our.txt" >"$W/our.tab"
    compare "$prof self" "$W/ref.tab" "$W/our.tab"
    [ "$(totals <"$W/ref.txt")" = "$(totals <"$W/our.txt")" ] || fail "$prof: totals differ"
    grep -q 'loops.c:sum_strided' "$W/our.tab" || fail "$prof: sum_strided missing"

    (cd / && callgrind_annotate --inclusive=yes --threshold=100 --auto=no "$W/$prof") \
        >"$W/ref.txt" || fail "callgrind_annotate --inclusive $prof"
    "$CSANN" --inclusive=yes --threshold=0 --auto=no "$W/$prof" >"$W/our.txt" \
        || fail "csann --inclusive $prof"
    fn_table $EV13 <"$W/ref.txt" >"$W/ref.tab"
    fn_table $EV13 <"$W/our.txt" >"$W/our.tab"
    compare "$prof inclusive" "$W/ref.tab" "$W/our.tab"

    # The same with a subset of events in another order.
    (cd / && callgrind_annotate --show=D1mr,Ir,Bcm --threshold=100 --auto=no "$W/$prof") \
        | fn_table 3 >"$W/ref.tab"
    "$CSANN" --show=D1mr,Ir,Bcm --threshold=0 --auto=no "$W/$prof" | fn_table 3 >"$W/our.tab"
    compare "$prof --show" "$W/ref.tab" "$W/our.tab"
done

(cd / && cg_annotate --threshold=0 --auto=no "$W/cg.out") >"$W/ref.txt" || fail "cg_annotate"
"$CSANN" --threshold=0 --auto=no "$W/cg.out" >"$W/our.txt" || fail "csann cg.out"
fn_table $EV13 <"$W/ref.txt" >"$W/ref.tab"
fn_table $EV13 <"$W/our.txt" >"$W/our.tab"
compare "cachegrind" "$W/ref.tab" "$W/our.tab"
[ "$(totals <"$W/ref.txt")" = "$(totals <"$W/our.txt")" ] || fail "cachegrind: totals differ"

# Annotated source: the per-line Ir of loops.c agrees with cg_annotate's.
srclines() {  # the Ir count of each source line of loops.c's section
    awk '/-- (Auto|User)-annotated source: .*loops.c/ { on = 1; next }
         on && /^-----/ && seen { exit }
         on && /^-----/ { seen = 1; next }
         on && /^ *([0-9,]+|\.) / { v = $1; gsub(/,/, "", v); if (v == ".") v = 0; print v }'
}
(cd "$W" && cg_annotate --show=Ir --auto=yes cg.out) | srclines >"$W/ref.src"
(cd "$W" && "$CSANN" --show=Ir --auto=yes cg.out) | srclines >"$W/our.src"
[ "$(grep -c . "$W/ref.src")" -gt 10 ] || fail "cg_annotate annotated no lines"
# cg_annotate prints only the lines near hot ones, as csann does by default.
cmp -s "$W/ref.src" "$W/our.src" || { diff "$W/ref.src" "$W/our.src" | head; fail "source lines differ"; }
note "annotated source agrees ($(grep -c . "$W/our.src") lines)"
