# A client that dies of SIGSEGV still leaves a complete profile, with the
# same counts as Cachegrind's, and the usual exit status.
. "$TOP_SRCDIR/tests/lib.sh"
build crash crash.c -- -O1
run_pair crash -- "$W/crash"
[ "$cs_status" -ne 0 ] || fail "the crash was not reported in the exit status"
grep -q "^totals: " "$W/crash.cs" || fail "profile has no totals line"
expect_same_lines crash
grep -q "crash.c	work" "$W/crash.cs.flat" || fail "work() missing"
