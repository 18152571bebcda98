# The CI example of docs/ci.md runs end to end: it passes as shipped, and
# the deliberate regression fails with a readable message and a JUnit
# failure.
. "$TOP_SRCDIR/tests/lib.sh"
export VALGRIND="$VG_IN_PLACE" CACHESIM_INCLUDE="$TOP_SRCDIR/include"
PATH="$(dirname "$CSANN"):$PATH"; export PATH
sh "$TOP_SRCDIR/examples/ci/ci-job.sh" "$W/good" >"$W/good.log" 2>&1 || { cat "$W/good.log"; fail "the example's check failed"; }
grep -q "PASS" "$W/good.log" || fail "no PASS lines"
grep -q '<testsuite' "$W/good/report.xml" || fail "no JUnit report"
grep -q '<failure' "$W/good/report.xml" && fail "JUnit report has failures on the good build"
note "$(grep -E 'checked' "$W/good.log")"
if EXTRA_CFLAGS=-DWC_SLOW_HASH sh "$TOP_SRCDIR/examples/ci/ci-job.sh" "$W/bad" >"$W/bad.log" 2>&1; then
    cat "$W/bad.log"; fail "the regression passed the check"
fi
grep -q "FAIL .*hash" "$W/bad.log" || { cat "$W/bad.log"; fail "no FAIL line for hash()"; }
grep -q '<failure' "$W/bad/report.xml" || fail "JUnit report has no failure"
note "regression: $(grep 'FAIL ' "$W/bad.log" | head -n 3 | tr -s ' ')"
