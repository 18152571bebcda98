#!/bin/sh
# csann_flamegraph: on a real profile of tests/programs/calltree.c made with
# --call-graph=yes, the folded stacks of every event sum exactly to the
# profile's totals (and a derived sum to the sum of its events); the stacks
# through a function sum to its inclusive cost from csann annotate; the SVG
# is well-formed XML naming every frame above the threshold and no frame
# below it; -o writes the file; profiles without stacks get reconstructed
# stacks (said on stderr and in the title) or, with no calls either, exit 1.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann
cd "$W" || fail "cd"
build calltree calltree.c -- -O1
# shellcheck disable=SC2086
cachesim $GEOM --call-graph=yes --cachesim-out-file=ct.out ./calltree >/dev/null 2>cs.err ||
    { cat cs.err; fail "cachesim failed"; }
grep -q '^# ctx: ' ct.out || fail "no # ctx: lines in the profile"

# sum_folded < FOLDED: the sum of the last fields.
sum_folded() { awk '{ s += $NF } END { printf "%d\n", s }'; }
events=$(sed -n 's/^events: //p' ct.out)
totals=$(sed -n 's/^totals: //p' ct.out)
i=0
for ev in $events; do
    i=$((i + 1))
    total=$(echo "$totals" | awk -v i=$i '{ print $i }')
    expect_status 0 "$CSANN" flamegraph --folded --event="$ev" ct.out
    got=$(sum_folded <out)
    [ "$got" = "$total" ] || fail "$ev: folded stacks sum to $got, totals: says $total"
    [ -s err ] && { cat err; fail "$ev: unexpected message on stderr"; }
    awk '$NF == 0 { exit 1 }' out || fail "$ev: a zero line was written"
done
note "folded stacks sum to the totals for: $events"
expect_status 0 "$CSANN" flamegraph --folded --event=L1m=I1mr+D1mr+D1mw ct.out
l1m=$(echo "$totals" | awk '{ print $2 + $5 + $8 }')
[ "$(sum_folded <out)" = "$l1m" ] || fail "L1m: folded sum $(sum_folded <out), want $l1m"
expect_status 2 "$CSANN" flamegraph --event=D1mr/Dr ct.out
expect_status 2 "$CSANN" flamegraph --event=Nope ct.out

# Stacks through a function (counted once per stack, whatever the
# recursion) sum to its inclusive cost.
"$CSANN" flamegraph --folded --event=Ir ct.out >ir.folded || fail "folded Ir"
"$CSANN" annotate --inclusive=yes --auto=no --threshold=0 --show=Ir ct.out >incl.txt ||
    fail "csann annotate --inclusive=yes"
for fn in main middle leaf fact is_even is_odd twice thrice dive on_signal; do
    through=$(awk -v f="$fn" '{
        n = split($0, w, " "); stack = substr($0, 1, length($0) - length(w[n]) - 1)
        k = split(stack, fr, ";"); for (i = 1; i <= k; i++) if (fr[i] == f) { s += w[n]; break }
    } END { printf "%d\n", s }' ir.folded)
    incl=$(awk -v f="calltree.c:$fn" '{ for (i = 1; i <= NF; i++) if (index($i, f) && substr($i, length($i) - length(f) + 1) == f) { v = $1; gsub(/,/, "", v); print v; exit } }' incl.txt)
    [ -n "$incl" ] || fail "$fn: not in csann annotate --inclusive=yes"
    [ "$through" = "$incl" ] || fail "$fn: stacks through it sum to $through, inclusive cost is $incl"
done
note "stacks through 10 functions sum to their inclusive costs"

# The SVG: well-formed, a frame per context above the threshold, none below.
expect_status 0 "$CSANN" flamegraph --threshold=1 -o fg.svg ct.out
[ -s out ] && fail "-o: something written to stdout"
check_xml fg.svg
grep -q '<script type="text/ecmascript"><!\[CDATA\[' fg.svg || fail "no embedded script"
grep -q 'Flame graph of Ir: ct.out' fg.svg || fail "title does not name the event and profile"
# Frames (stack prefixes) of at least 1% of the total, from the folded stacks.
awk '{ n = split($0, w, " "); stack = substr($0, 1, length($0) - length(w[n]) - 1)
       k = split(stack, fr, ";"); p = ""
       for (i = 1; i <= k; i++) { p = p ";" fr[i]; sum[p] += w[n]; name[p] = fr[i] }
       total += w[n] }
     END { for (p in sum) if (sum[p] >= total / 100) print name[p] > "above"; else print name[p] > "below" }' ir.folded
[ -s above ] || fail "no frame above the threshold"
sort -u above | while IFS= read -r fn; do
    grep -qF "data-name=\"$fn\"" fg.svg || fail "frame '$fn' (>= 1%) missing from the SVG"
done || exit 1
grep -qF 'data-name="fact"' fg.svg && fail "fact (< 1%) drawn despite --threshold=1"
expect_status 0 "$CSANN" flamegraph --threshold=0 ct.out
grep -qF 'data-name="fact"' out || fail "fact missing with --threshold=0"
grep -q '<title>leaf (.*calltree.c)' out || fail "hover text lacks the function's file"
expect_status 0 "$CSANN" flamegraph --event=D1mr --title='misses & more' ct.out
grep -q '>misses &amp; more</text>' out || fail "--title not used (or not escaped)"

# Without # ctx: lines: reconstructed from the calls= pairs, and said so.
grep -v '^# ctx' ct.out >nostacks.out
expect_status 0 "$CSANN" flamegraph -o rec.svg nostacks.out
grep -q "stacks reconstructed from caller/callee pairs; not exact" err || fail "no stderr note"
grep -q "Stacks reconstructed from caller/callee pairs; not exact" rec.svg || fail "no note in the SVG"
check_xml rec.svg
expect_status 0 "$CSANN" flamegraph --folded "$G/callgrind.out"
grep -q ';main;walk;pick ' out || fail "Callgrind profile: no reconstructed main;walk;pick stack"
expect_status 1 "$CSANN" flamegraph "$G/cachegrind.out"
grep -q "has neither exact stacks" err || fail "no error for a profile without stacks or calls"
expect_status 2 "$CSANN" flamegraph
expect_status 1 "$CSANN" flamegraph -o /nonexistent/dir/fg.svg ct.out
note "csann_flamegraph: ok"
