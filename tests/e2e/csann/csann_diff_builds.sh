#!/bin/sh
# csann_diff_builds: `csann diff` of Cachegrind profiles of two real builds
# (-O0 and -O2) of one program: the diff's totals are exactly the
# difference of the two profiles' totals, and the -o difference profile
# opens in callgrind_annotate (no warning) and csann with those totals.
# Bad input to diff: different events, empty or missing profiles, an
# unwritable -o: a clear message and exit status 1.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann
cd "$W" || fail "cd"
if command -v valgrind >/dev/null 2>&1; then VG=valgrind; else VG=$VG_IN_PLACE; fi

EV=Ir,I1mr,ILmr,Dr,D1mr,DLmr,Dw,D1mw,DLmw,Bc,Bcm,Bi,Bim
for o in O0 O2; do
    build "loops_$o" loops.c -- "-$o"
    # shellcheck disable=SC2086
    $VG --tool=cachegrind --cache-sim=yes --branch-sim=yes $GEOM \
        --cachegrind-out-file="$W/$o.cg" "$W/loops_$o" 3000 >/dev/null 2>"$o.log" ||
        { cat "$o.log"; fail "cachegrind on loops_$o"; }
done

# totals_of PROFILE: the 13 totals csann reports, without commas.
totals_of() {
    "$CSANN" --auto=no --show=$EV "$1" |
        awk '/PROGRAM TOTALS/ { gsub(/\([^)]*\)/, ""); gsub(/,/, ""); for (i = 1; i <= 13; i++) printf "%s%s", (i > 1 ? " " : ""), $i; print ""; exit }'
}
old=$(totals_of O0.cg); new=$(totals_of O2.cg)
expected=$(echo "$old
$new" | awk 'NR == 1 { for (i = 1; i <= NF; i++) a[i] = $i } NR == 2 { for (i = 1; i <= NF; i++) printf "%s%d", (i > 1 ? " " : ""), $i - a[i]; print "" }')
note "-O0 totals: $old"
note "-O2 totals: $new"

expect_status 0 "$CSANN" diff --mod-filename='s|loops_O[02]|loops|' -o d.out O0.cg O2.cg
cp out diff.txt
# The totals section: "EVENT old new change (rel)", one line per event.
got=$(for e in $(echo $EV | tr , ' '); do
        awk -v e="$e" '$1 == e && NF >= 4 { gsub(/,/, "", $4); sub(/^\+/, "", $4); print $4; exit }' diff.txt
      done | tr '\n' ' ' | sed 's/ $//')
[ "$got" = "$expected" ] || fail "diff totals '$got', want NEW - OLD '$expected'"
totals_row=$(grep 'PROGRAM TOTALS' diff.txt | head -n 1)
[ -n "$totals_row" ] || fail "no totals line in the function table"
note "diff totals = O2 - O0: $got"

# The difference profile: csann and callgrind_annotate see the same totals.
[ "$(totals_of d.out)" = "$expected" ] || fail "csann reads d.out totals '$(totals_of d.out)', want '$expected'"
if command -v callgrind_annotate >/dev/null 2>&1; then
    callgrind_annotate --auto=no d.out >ca.out 2>ca.err || { cat ca.err; fail "callgrind_annotate d.out"; }
    [ ! -s ca.err ] || { cat ca.err; fail "callgrind_annotate warned on d.out"; }
    # With no positive total callgrind_annotate prints its own sums, "." for 0.
    ca=$(awk '/PROGRAM TOTALS/ { sub(/PROGRAM TOTALS.*/, ""); gsub(/\([^)]*\)/, ""); gsub(/,/, "");
                                 for (i = 1; i <= NF; i++) if ($i == ".") $i = 0; $1 = $1; print; exit }' ca.out)
    [ "$ca" = "$expected" ] || fail "callgrind_annotate totals '$ca', want '$expected'"
    note "callgrind_annotate reads d.out: $ca"
else
    note "SKIPPED: callgrind_annotate not installed"
fi

# Bad input.
cp "$G/hand.callgrind" "$G/hand2.callgrind" .
expect_status 1 "$CSANN" diff hand.callgrind O2.cg
grep -q "different events" err && grep -q "hand.callgrind: Ir Dr Dw I1mr D1mr D1mw" err &&
    grep -q "O2.cg: Ir I1mr ILmr Dr" err || { cat err; fail "event mismatch message"; }
: >empty.cg
expect_status 1 "$CSANN" diff empty.cg O2.cg
grep -q "empty.cg:0: empty file" err || { cat err; fail "empty profile message"; }
expect_status 1 "$CSANN" diff O0.cg missing.cg
grep -q "missing.cg: cannot open" err || { cat err; fail "missing file message"; }
mkdir ro && chmod 555 ro
if [ ! -w ro ]; then
    expect_status 1 "$CSANN" diff -o ro/d.out O0.cg O2.cg
    grep -q "ro/d.out: cannot write: Permission denied" err || { cat err; fail "unwritable -o message"; }
fi
expect_status 1 "$CSANN" diff -o "$W/no/dir/d.out" O0.cg O2.cg
grep -q "no/dir/d.out: cannot write" err || { cat err; fail "unwritable -o message"; }
expect_status 2 "$CSANN" diff O0.cg
expect_status 2 "$CSANN" diff O0.cg O2.cg hand.callgrind
expect_status 2 "$CSANN" diff --show=Nope O0.cg O2.cg
expect_status 2 "$CSANN" diff --threshold=x O0.cg O2.cg
expect_status 2 "$CSANN" diff --mod-funcname='x' O0.cg O2.cg
grep -q "no '/' between regex and replacement" err || { cat err; fail "bad --mod-funcname message"; }
expect_status 2 "$CSANN" diff --mod-funcname='s/a/b' O0.cg O2.cg
expect_status 0 "$CSANN" diff --help
note "diff of real builds and bad input behave"
