# Profiles made with different CPU descriptions: csann diff and csann check
# say so (the fingerprint's cpu= field), --strict fails on it; CEst is an
# event like the others in diff, in check's budgets and tolerances, each
# profile's worked out with its own formula.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
build loops loops.c -- -O1
for c in skylake zen3; do
    cachesim --cpu=$c --cachesim-out-file="$W/$c.cs" "$W/loops" >/dev/null 2>&1 || fail "--cpu=$c failed"
done
"$CSANN" cpu skylake | sed 's/^memory latency=246/memory latency=400/' >"$W/slow.cpu"
cachesim --cpu="$W/slow.cpu" --cachesim-out-file="$W/slow.cs" "$W/loops" >/dev/null 2>&1 || fail "slow memory failed"
cachesim $GEOM --cachesim-out-file="$W/cg.cs" "$W/loops" >/dev/null 2>&1 || fail "default run failed"

# diff: the warning names both descriptions; CEst can be shown.
expect_status 0 "$CSANN" diff --show=Ir,CEst "$W/skylake.cs" "$W/zen3.cs"
grep -q "fingerprint differs: cpu skylake:[0-9a-f]* (baseline) vs zen3:[0-9a-f]* (new)" "$W/err" ||
    { cat "$W/err"; fail "diff does not warn of different CPU descriptions"; }
grep -q "made with different CPU descriptions" "$W/err" || fail "no plain-words warning"
grep -q "CEst" "$W/out" || fail "diff does not show CEst"
# Only the memory latency differs: equal counts, different CEst.
expect_status 0 "$CSANN" diff --show=all "$W/skylake.cs" "$W/slow.cs"
grep -q "fingerprint differs: cpu skylake:" "$W/err" || fail "an edited latency is not told apart"
# The cachegrind model's profile records other events: diff refuses it.
expect_status 1 "$CSANN" diff "$W/cg.cs" "$W/skylake.cs"
grep -q "record different events" "$W/err" || fail "no message for different events"

# check: the fingerprint item warns, --strict fails; CEst tolerances and
# budgets.  (The presets' prefetchers differ: a function of a few
# instructions can cost 37 times more cycles on one than on the other.)
expect_status 0 "$CSANN" check --baseline="$W/skylake.cs" --tolerance=Ir:0,CEst:10000% "$W/zen3.cs"
grep -q "^PASS   fingerprint .*fields* differs* (warning only)" "$W/out" || { cat "$W/out"; fail "no fingerprint warning item"; }
grep -q "total *CEst" "$W/out" || { cat "$W/out"; fail "no CEst item"; }
# ... and a CEst tolerance is applied: zen3's cycles are not skylake's.
expect_status 1 "$CSANN" check --baseline="$W/skylake.cs" --tolerance=Ir:0,CEst:0 "$W/zen3.cs"
grep -q "^FAIL .*CEst" "$W/out" || { cat "$W/out"; fail "a CEst tolerance of 0 does not fail"; }
expect_status 1 "$CSANN" check --strict --baseline="$W/skylake.cs" --tolerance=Ir:0 "$W/zen3.cs"
grep -q "^FAIL   fingerprint" "$W/out" || fail "--strict does not fail on another CPU"
# slow memory: every count equal, CEst higher: a CEst tolerance of 0 fails.
expect_status 1 "$CSANN" check --baseline="$W/skylake.cs" --tolerance=Ir:0,D1mr:0,CEst:0 "$W/slow.cs"
grep -q "^FAIL   total *CEst" "$W/out" || { cat "$W/out"; fail "a higher CEst does not fail its tolerance"; }
grep -q "^PASS   total *Ir" "$W/out" || fail "Ir should pass"
total=$(awk '/^events:/ { for (i = 2; i <= NF; i++) c[$i] = i } /^summary:/ { print $(c["Ir"]); exit }' "$W/slow.cs")
printf 'total CEst <= %s\ntotal Ir <= %s\n' "$total" "$total" >"$W/budgets.txt"
expect_status 1 "$CSANN" check --budgets="$W/budgets.txt" "$W/slow.cs"
grep -q "^FAIL   total *CEst" "$W/out" || { cat "$W/out"; fail "CEst budget not checked"; }
grep -q "^PASS   total *Ir" "$W/out" || fail "Ir budget should pass"
note "diff and check warn of different CPU descriptions; CEst checked"
