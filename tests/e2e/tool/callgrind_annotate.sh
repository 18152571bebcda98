# callgrind_annotate (installed with Valgrind) reads our profile without a
# warning and prints the same totals; with --dump-instr=yes too.
. "$TOP_SRCDIR/tests/lib.sh"
build matmul matmul.c -- -O2
cachesim $GEOM --cachesim-out-file="$W/p.out" "$W/matmul" naive 48 >/dev/null 2>"$W/stderr" || fail "cachesim failed"
callgrind_annotate "$W/p.out" >"$W/ann.txt" 2>"$W/ann.err" || fail "callgrind_annotate failed: $(cat "$W/ann.err")"
if grep -i "warning" "$W/ann.txt" "$W/ann.err"; then fail "callgrind_annotate warned"; fi
# PROGRAM TOTALS line: the Ir total printed equals our summary's.
ir=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$W/p.out")
[ -n "$ir" ] || fail "no summary line"
shown=$(grep "PROGRAM TOTALS" "$W/ann.txt" | awk '{ gsub(",", "", $1); print $1 }')
[ "$shown" = "$ir" ] || fail "callgrind_annotate shows Ir total $shown, profile says $ir"
note "callgrind_annotate total Ir: $shown"
grep -q "matmul.c:main" "$W/ann.txt" || fail "main() missing from callgrind_annotate's function list"
# The summary equals the sum of the cost lines, and totals: equals summary.
tot=$(sed -n 's/^totals: //p' "$W/p.out"); sum=$(sed -n 's/^summary: //p' "$W/p.out")
[ "$tot" = "$sum" ] || fail "totals: ($tot) differs from summary: ($sum)"
flat=$(totals "$(flatten "$W/p.out" >"$W/p.flat"; echo "$W/p.flat")")
[ "$flat" = "$sum" ] || fail "cost lines sum to '$flat', summary says '$sum'"
# With instruction positions.
cachesim $GEOM --dump-instr=yes --cachesim-out-file="$W/pi.out" "$W/matmul" naive 48 >/dev/null 2>&1 || fail "cachesim --dump-instr failed"
grep -q "^positions: instr line$" "$W/pi.out" || fail "no 'positions: instr line'"
callgrind_annotate "$W/pi.out" >"$W/anni.txt" 2>&1 || fail "callgrind_annotate failed on --dump-instr output"
if grep -i "warning" "$W/anni.txt"; then fail "callgrind_annotate warned on --dump-instr output"; fi
flatten "$W/pi.out" >"$W/pi.flat"
diff "$W/p.flat" "$W/pi.flat" >/dev/null || fail "--dump-instr changed the per-line counts"
