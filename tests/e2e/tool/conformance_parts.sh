# A profile of several parts (CACHESIM_DUMP_STATS_AT) reads the same in
# KCachegrind, which starts each part afresh (names, object, file, function,
# positions), as in csann and callgrind_annotate, which carry them over:
# each part defines the names it uses and starts with ob=, fl=, fn= and an
# absolute position; with --dump-instr=yes too.  (callgrind_annotate reads
# one part per file, and counts a call arc still running from an earlier
# part, written calls=0 as Callgrind writes it, as the caller's own cost:
# it is not the reader for these.)
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tools/conformance.sh"
build regions regions.c -- -O1 -I"$TOP_SRCDIR/include"
for instr in no yes; do
    p=$W/parts_$instr.cs
    cachesim $GEOM --dump-instr=$instr --cachesim-out-file="$p" "$W/regions" dump >/dev/null 2>"$p.err" ||
        { cat "$p.err"; fail "parts_$instr: the run failed"; }
    [ "$(grep -c '^part: ' "$p")" -eq 3 ] || fail "parts_$instr: expected 3 parts"
    kcachegrind_rules "$p"
    # Parts 2 and 3 name main() again, as part 1 did.
    for n in 2 3; do
        awk -v want=$n '/^part: / { k = $2 } k == want && /^c?fn=\([0-9]+\) main$/' "$p" | grep -q . ||
            fail "parts_$instr: part $n does not define main's name"
    done
    flatten "$p" >"$p.flat"
done
cmp -s "$W/parts_no.cs.flat" "$W/parts_yes.cs.flat" || fail "--dump-instr=yes changed the per-line counts"
