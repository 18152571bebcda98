#!/bin/sh
# csann_flamegraph_diff: two builds of tests/golden/csann/src/speed.c (with
# -DSLOW grow() loops 4x more and shrink() 4x less); the differential flame
# graph colours grow red and shrink blue, steady grey, with old/new/change
# in the hover text; the widths are NEW's; --folded gives "STACK OLD NEW";
# --mod-funcname matches renamed frames.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
cd "$W" || fail "cd"
SRC=$TOP_SRCDIR/tests/golden/csann/src/speed.c
${CC:-gcc} -g -O1 -o fast "$SRC" || fail "compile fast"
${CC:-gcc} -g -O1 -DSLOW -o slow "$SRC" || fail "compile slow"
for v in fast slow; do
    # shellcheck disable=SC2086
    cachesim $GEOM --call-graph=yes --cachesim-out-file=$v.out ./$v >/dev/null 2>$v.err ||
        { cat $v.err; fail "cachesim $v"; }
done

expect_status 0 "$CSANN" flamegraph --diff -o diff.svg fast.out slow.out
check_xml diff.svg
grep -q 'Differential flame graph of Ir: fast.out -&gt; slow.out' diff.svg || fail "no differential title"
# fill of the frame named $1 (the last context of that function).
fill_of() {
    awk -v name="data-name=\"$1\"" 'index($0, name) { want = 1 }
        want && match($0, / fill="[^"]*"/) { f = substr($0, RSTART + 7, RLENGTH - 8); want = 0 }
        END { print f }' diff.svg
}
grow=$(fill_of grow); shrink=$(fill_of shrink); steady=$(fill_of steady)
note "fills: grow $grow, shrink $shrink, steady $steady"
case $grow in "rgb(255,"*) ;; *) fail "grow got slower but is not red: $grow";; esac
case $shrink in *",255)") ;; *) fail "shrink got faster but is not blue: $shrink";; esac
case $steady in "rgb(225,225,225)") ;; *) fail "steady did not change but is coloured: $steady";; esac
[ "$grow" != "$shrink" ] || fail "grow and shrink have the same colour"
grep -A2 'data-name="grow"' diff.svg | grep -q 'new .* Ir (.*%), old .*, change +' ||
    fail "no old/new/change in grow's hover text"
grep -A2 'data-name="shrink"' diff.svg | grep -q 'change -' || fail "shrink's change is not negative"

# Folded pairs: "STACK OLD NEW"; their NEW column sums to NEW's total.
expect_status 0 "$CSANN" flamegraph --diff --folded fast.out slow.out
new_total=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' slow.out)
old_total=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' fast.out)
[ "$(awk '{ s += $NF } END { print s }' out)" = "$new_total" ] || fail "NEW column does not sum to NEW's Ir"
[ "$(awk '{ s += $(NF - 1) } END { print s }' out)" = "$old_total" ] || fail "OLD column does not sum to OLD's Ir"
awk '$0 ~ /;main;grow / { if ($(NF) <= $(NF - 1)) exit 1; found = 1 } END { exit !found }' out ||
    fail "grow's context did not grow in the folded pairs"

# --mod-funcname: renaming grow in OLD only would unmatch it; renaming it in
# both keeps the match.
expect_status 0 "$CSANN" flamegraph --diff --folded --mod-funcname='^grow$/enlarge' fast.out slow.out
grep -q ';main;enlarge ' out || fail "--mod-funcname not applied to the frames"
grep -q ';main;grow ' out && fail "--mod-funcname left a grow frame"
expect_status 2 "$CSANN" flamegraph --diff fast.out
note "csann_flamegraph_diff: ok"
