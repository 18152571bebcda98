# A profile of a preset: callgrind_annotate reads it with no warning and
# lists the new events; every event has a long name; CEst is a derived
# event that csann evaluates (--show=CEst) to the formula of the preset's
# latencies; the call graph's inclusive costs and exact stacks cover the
# new events (csann checks that the stacks add up to the totals, event by
# event); the fingerprint and a desc: line name the CPU.
. "$TOP_SRCDIR/tests/lib.sh"
build calltree calltree.c -- -O1
cachesim --cpu=skylake --cachesim-out-file="$W/sky.cs" "$W/calltree" >/dev/null 2>"$W/sky.err" ||
    { cat "$W/sky.err"; fail "run with --cpu=skylake failed"; }
P="$W/sky.cs"
EVENTS="Ir I1mr I2mr ILmr Dr D1mr D2mr DLmr Dw D1mw D2mw DLmw Bc Bcm Bi Bim D1wb L2wb LLwb D1pf D1pfu L2pf L2pfu"
grep -q "^events: $EVENTS$" "$P" || fail "events: line is not '$EVENTS'"
for e in $EVENTS; do
    grep -q "^event: $e : ." "$P" || fail "no long name for $e"
done
grep -q "^event: CEst = Ir + 7 I1mr + 7 D1mr + 7 D1mw + 33 I2mr + 33 D2mr + 33 D2mw + 202 ILmr + 202 DLmr + 202 DLmw + 16 Bcm + 16 Bim : Cycle estimate$" "$P" ||
    fail "CEst is not the skylake preset's formula (latencies 4, 11, 44, 246; penalty 16)"
grep -q "^desc: L2 cache: 262144 B, 64 B, 4-way associative$" "$P" || fail "no L2 desc line"
grep -q "^desc: CPU: cpu name=skylake .*; L2 size=256K assoc=4 line=64 policy=qlru:H00_M1_R2_U1 latency=11 inclusion=inclusive prefetcher=adjacent+stream; .*memory latency=246$" "$P" ||
    fail "no one-line CPU description"
grep -q "^desc: Fingerprint: .* L2=262144,4,64 LL=8388608,16,64 cpu=skylake:[0-9a-f]\{8\} " "$P" ||
    fail "the fingerprint does not name the CPU"
grep -q "^# ctx: " "$P" || fail "no exact stacks"

# callgrind_annotate: no warning, the new events listed, the totals ours.
callgrind_annotate --inclusive=yes "$P" >"$W/ca.txt" 2>"$W/ca.err" || { cat "$W/ca.err"; fail "callgrind_annotate failed"; }
if grep -i "warning" "$W/ca.txt" "$W/ca.err"; then fail "callgrind_annotate warned"; fi
grep -q "^Events recorded:  $EVENTS$" "$W/ca.txt" || fail "callgrind_annotate does not list the events"
l2=$(awk '/^events:/ { for (i = 2; i <= NF; i++) if ($i == "D2mr") c = i } /^summary:/ { print $c; exit }' "$P")
[ "$l2" -gt 0 ] || fail "no L2 read misses"

# csann reads it (the stacks must add up to the totals for every event,
# the new ones too) and shows CEst; its value is the formula's.
"$CSANN" --show=Ir,D2mr,D1wb,CEst --auto=no "$P" >"$W/cs.txt" 2>"$W/cs.err" || { cat "$W/cs.err"; fail "csann failed"; }
[ -s "$W/cs.err" ] && { cat "$W/cs.err"; fail "csann warned"; }
grep -q "^Events shown:     Ir D2mr D1wb CEst$" "$W/cs.txt" || fail "csann does not show CEst"
want=$(awk '/^events:/ { for (i = 2; i <= NF; i++) c[$i] = i }
            /^summary:/ { print $(c["Ir"]) + 7 * ($(c["I1mr"]) + $(c["D1mr"]) + $(c["D1mw"])) \
                              + 33 * ($(c["I2mr"]) + $(c["D2mr"]) + $(c["D2mw"])) \
                              + 202 * ($(c["ILmr"]) + $(c["DLmr"]) + $(c["DLmw"])) \
                              + 16 * ($(c["Bcm"]) + $(c["Bim"])); exit }' "$P")
got=$(awk '/PROGRAM TOTALS/ { gsub(",", ""); print $7; exit }' "$W/cs.txt")
[ "$got" = "$want" ] || fail "csann's CEst total is $got, the formula gives $want"
# Inclusive costs of the new events: main's D1wb inclusive cost is at least
# its own, and csann's tree view reads the call arcs.
"$CSANN" --inclusive=yes --show=D1wb,CEst --auto=no "$P" >"$W/incl.txt" 2>&1 || { cat "$W/incl.txt"; fail "csann --inclusive failed"; }
grep -q "calltree.c:main" "$W/incl.txt" || fail "main missing from the inclusive listing"
# The flame graph of a new event.
"$CSANN" flamegraph --event=D2mr -o "$W/d2.svg" "$P" 2>"$W/fg.err" || { cat "$W/fg.err"; fail "flamegraph of D2mr failed"; }
grep -q "<svg" "$W/d2.svg" || fail "no SVG"
# The prefetch events (the preset's prefetchers) likewise.
"$CSANN" --show=D1pf,D1pfu,L2pf,L2pfu --auto=no "$P" >"$W/pf.txt" 2>"$W/pf.err" || { cat "$W/pf.err"; fail "csann --show=D1pf... failed"; }
grep -q "^Events shown:     D1pf D1pfu L2pf L2pfu$" "$W/pf.txt" || fail "csann does not show the prefetch events"
"$CSANN" flamegraph --event=L2pf -o "$W/pf.svg" "$P" 2>"$W/fg.err" || { cat "$W/fg.err"; fail "flamegraph of L2pf failed"; }
grep -q "<svg" "$W/pf.svg" || fail "flamegraph of L2pf: no SVG"
note "CEst total $got"
