#!/bin/sh
# csann_check: `csann check` against a baseline (tolerances, exactly at the
# limit passes, functions on one side only, parts by their client-request
# label, fingerprint warnings and --strict) and against a budgets file
# (malformed: FILE:LINE and exit 2); the JUnit report is well-formed XML
# with the expected test cases and failures; --update-baseline.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann
cp "$G"/check_*.callgrind "$G/budgets.txt" "$G/hand.callgrind" "$W/" || fail "copy"
cd "$W" || fail "cd"
B=--baseline=check_base.callgrind
NEW=check_new.callgrind

# result ITEM EVENT: the RESULT column of that item in $W/out.
result() { awk -v item="$1" -v ev="$2" '{ r = $1; $1 = ""; sub(/^ /, "") } index($0, item " ") == 1 && $0 ~ (" " ev " ") { print r; exit }' out; }
expect_result() {  # WANT ITEM EVENT
    got=$(result "$2" "$3")
    [ "$got" = "$1" ] || { cat out; fail "$2 $3: $got, want $1"; }
}

# The whole report, for its layout.
expect_status 1 "$CSANN" check $B --tolerance=Ir:0.5%,D1mr:2 "$NEW"
if [ "${CSANN_REGOLD:-0}" = 1 ]; then cp out "$G/expected/check_baseline.txt"; fi
diff -u "$G/expected/check_baseline.txt" out || fail "report differs from expected/check_baseline.txt"

# Tolerance edges: parse's Ir grew by exactly 0.5% (3,000 -> 3,015) and
# D1mr by exactly 2 (40 -> 42): at the limit passes, just under fails.
expect_result PASS "function app.c:parse" Ir
expect_result PASS "function app.c:parse" D1mr
expect_result PASS "part parse" Ir
expect_status 1 "$CSANN" check $B --tolerance=Ir:0.49%,D1mr:1 "$NEW"
expect_result FAIL "function app.c:parse" Ir
expect_result FAIL "function app.c:parse" D1mr
expect_result FAIL "part parse" D1mr
expect_result PASS "total" Ir
# Functions on one side only: a new one fails (nothing to compare with), a
# gone one passes; both are named.
expect_result FAIL "function app.c:emit" Ir
grep -q "app.c:emit .*new function" out || fail "new function not reported"
grep -q "app.c:report .*gone from the profile" out || fail "gone function not reported"
# The default tolerance is Ir:0 (no increase at all), only Ir is checked.
expect_status 1 "$CSANN" check $B "$NEW"
expect_result PASS "total" Ir     # equal totals
grep -q ' D1mr ' out && fail "D1mr checked without --tolerance"
expect_result FAIL "function app.c:parse" Ir
# Everything passes with generous tolerances and --mod-funcname merging emit into report.
expect_status 0 "$CSANN" check $B --tolerance=Ir:1%,D1mr:10% --mod-funcname='^emit$/report' "$NEW"
grep -q "passed, 0 failed: PASS" out || fail "no PASS summary"

# Fingerprints: a warning naming the field and both values; --strict fails.
grep -q "warning: fingerprint differs: env-bytes 2310 (baseline) vs 2402 (new)" err ||
    { cat err; fail "no fingerprint warning"; }
expect_status 1 "$CSANN" check $B --tolerance=Ir:1%,D1mr:10% --mod-funcname='^emit$/report' --strict "$NEW"
expect_result FAIL fingerprint -
expect_status 0 "$CSANN" check $B --strict check_base.callgrind
grep -q "fingerprint differs" err && fail "fingerprint warning for equal fingerprints"
# No fingerprint (Callgrind/Cachegrind profiles): nothing to compare, no warning.
expect_status 0 "$CSANN" check --baseline=hand.callgrind --strict hand.callgrind
grep -q "fingerprint" out err && fail "fingerprint item without fingerprints"

# --part by client-request label (and part: label, and number).
expect_status 0 "$CSANN" check $B --part=parse --tolerance=Ir:1%,D1mr:2 "$NEW"
grep -q "function app.c:main" out && fail "--part=parse checked part 2's functions"
expect_result PASS "total" Ir
grep -q "^PASS *total *Ir *3,000 *3,010" out || { cat out; fail "--part=parse totals"; }
expect_status 0 "$CSANN" --auto=no --part=parse "$NEW"
grep -q "3,010 (100.0%)" out || fail "annotate --part=parse"
# Name ids defined in part 1 stay valid in part 2.
expect_status 0 "$CSANN" --auto=no --part=2 check_base.callgrind
grep -q "app.c:parse" out && grep -q "app.c:report" out || fail "ids from part 1 in part 2"
expect_status 2 "$CSANN" check $B --part=nosuch "$NEW"

# JUnit report: well-formed, one testcase per item, the failures counted.
expect_status 1 "$CSANN" check $B --tolerance=Ir:0.5%,D1mr:2 --junit=report.xml "$NEW"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout report.xml || fail "report.xml is not well-formed (xmllint)"
else
    cat >wf.c <<'C'
#include <libxml/parser.h>
int main(int argc, char **argv) { xmlDocPtr d = xmlReadFile(argv[1], NULL, 0); if (!d) return 1; xmlFreeDoc(d); return 0; }
C
    # shellcheck disable=SC2046
    ${CC:-gcc} -o wf wf.c $(pkg-config --cflags --libs libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2 -lxml2) ||
        fail "cannot build the XML checker"
    ./wf report.xml || fail "report.xml is not well-formed (libxml2)"
fi
[ "$(grep -c '<testcase ' report.xml)" -eq 17 ] || fail "want 17 testcases"
[ "$(grep -c '<failure ' report.xml)" -eq 2 ] || fail "want 2 failures"
grep -q 'tests="17" failures="2"' report.xml || fail "testsuite counts"
grep -q 'name="app.c:emit Ir">' report.xml && grep -q 'message="Ir 1,990 &gt; limit 0' report.xml ||
    fail "failure message"
expect_status 2 "$CSANN" check $B --junit="$W/no/dir/r.xml" "$NEW"
grep -q "no/dir/r.xml: cannot write" err || fail "unwritable --junit message"

# Budgets.
expect_status 1 "$CSANN" check --budgets=budgets.txt "$NEW"
expect_result PASS total Ir
expect_result FAIL total D1mr
expect_result PASS "part parse" Ir
expect_result PASS "part 2" D1mr
expect_result PASS "function parse" Ir
expect_result PASS "function app.c:*" Dr
expect_result FAIL "function nosuch*" Ir
grep -q "7 checked, 5 passed, 2 failed: FAIL" out || { cat out; fail "budgets summary"; }
printf 'total Ir <= 20000\n' >ok.txt
expect_status 0 "$CSANN" check --budgets=ok.txt "$NEW"
# Malformed budgets files: FILE:LINE: message, exit 2.
bad_budget() {  # LINE 'MESSAGE' CONTENT
    printf "$3" >bad.txt
    expect_status 2 "$CSANN" check --budgets=bad.txt "$NEW"
    grep -q "^csann check: bad.txt:$1: .*$2" err || { cat err; fail "budgets: want 'bad.txt:$1: ...$2'"; }
}
bad_budget 2 "unknown scope 'totl'" '# comment\ntotl Ir <= 5\n'
bad_budget 1 "want '<=' after the event" 'total Ir < 5\n'
bad_budget 3 "bad limit 'lots'" '\ntotal Ir <= 5\ntotal Dr <= lots\n'
bad_budget 1 "want 'total EVENT <= LIMIT'" 'total Ir <=\n'
bad_budget 1 "'part' needs a part label" 'part\n'
bad_budget 2 "no event 'Bcm'" 'total Ir <= 5\nfunction main Bcm <= 5\n'
bad_budget 0 "no budgets" ''
expect_status 2 "$CSANN" check --budgets=missing.txt "$NEW"
grep -q "missing.txt: cannot open" err || fail "missing budgets message"

# Bad input and usage: exit 2.
expect_status 2 "$CSANN" check $B missing.callgrind
expect_status 2 "$CSANN" check --baseline=hand.callgrind "$NEW"
grep -q "different events" err || fail "event mismatch message"
expect_status 2 "$CSANN" check $B --tolerance=Ir:x "$NEW"
expect_status 2 "$CSANN" check $B --tolerance=Nope:1 "$NEW"
expect_status 2 "$CSANN" check $B --budgets=budgets.txt "$NEW"
expect_status 2 "$CSANN" check "$NEW"
expect_status 2 "$CSANN" check --update-baseline --budgets=budgets.txt "$NEW"

# --update-baseline: copies the profile over the baseline, exit status
# still reports the failed check.
cp check_base.callgrind base.copy
expect_status 1 "$CSANN" check --baseline=base.copy --update-baseline "$NEW"
cmp -s base.copy "$NEW" || fail "--update-baseline did not copy the profile"
expect_status 0 "$CSANN" check --baseline=base.copy "$NEW"
note "check behaves"
