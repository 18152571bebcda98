#!/bin/sh
# Run every test: the host unit tests (tests/unit/PART/test_*, built by
# make), then the end-to-end tests in tests/e2e/SUBJECT/*.sh (each runs
# programs under the tool through vg-in-place).  One line per test; the
# last line is "N passed, N failed".
#   tests/run-tests.sh SRCDIR BUILDDIR [NAME-PATTERN]
# A test is named by its path, e.g. unit/model/test_cache or
# e2e/tool/diff_loops.  NAME-PATTERN (or $TESTS) is a shell pattern; it
# also matches the name without the folder (e2e/diff_loops, e2e/csann_*),
# as tests were named before they had folders.
# Each test has TEST_TIMEOUT seconds (600 unless set; 0: no limit): one
# that hangs fails with its name instead of holding up the whole run.
srcdir=${1:?usage: run-tests.sh SRCDIR BUILDDIR [PATTERN]}
builddir=${2:?usage: run-tests.sh SRCDIR BUILDDIR [PATTERN]}
pattern=${3:-${TESTS:-*}}
srcdir=$(cd "$srcdir" && pwd)
builddir=$(cd "$builddir" && pwd)

TOP_SRCDIR=$srcdir
TOP_BUILDDIR=$builddir
VG_IN_PLACE=$builddir/vg-in-place
CSANN=$builddir/csann
TEST_WORK=$builddir/tests/work
export TOP_SRCDIR TOP_BUILDDIR VG_IN_PLACE CSANN TEST_WORK
mkdir -p "$TEST_WORK"

passed=0
failed=0
failures=
limit=${TEST_TIMEOUT:-600}
case "$limit" in ''|*[!0-9]*) echo "run-tests.sh: TEST_TIMEOUT must be a number of seconds, not '$limit'" >&2; exit 2;; esac
# timeout(1) signals the test's whole process group (valgrind included)
if [ "$limit" -gt 0 ] && command -v timeout >/dev/null 2>&1; then
    limited="timeout -k 10 $limit"
else
    limited=
fi

run_one() {  # name short-name command...
    name=$1; short=$2; shift 2
    case "$name" in $pattern) ;; *) case "$short" in $pattern) ;; *) return 0;; esac;; esac
    log="$TEST_WORK/$(echo "$name" | tr / _).log"
    start=$(date +%s)
    $limited "$@" >"$log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1))
        echo "PASS: $name ($(( $(date +%s) - start ))s)"
    else
        failed=$((failed + 1))
        failures="$failures $name"
        if [ -n "$limited" ] && [ $(( $(date +%s) - start )) -ge "$limit" ]; then
            echo "run-tests.sh: $name: no result after ${limit}s (TEST_TIMEOUT): stopped" >>"$log"
        fi
        echo "FAIL: $name (log: $log)"
        sed 's/^/    | /' "$log" | tail -n 40
    fi
}

for t in "$builddir"/tests/unit/*/test_*; do
    [ -x "$t" ] || continue
    case "$t" in *.o|*.c) continue;; esac
    part=$(basename "$(dirname "$t")")
    run_one "unit/$part/$(basename "$t")" "unit/$(basename "$t")" "$t"
done
for t in "$srcdir"/tests/e2e/*/*.sh; do
    [ -f "$t" ] || continue
    base=$(basename "$t" .sh)
    subject=$(basename "$(dirname "$t")")
    run_one "e2e/$subject/$base" "e2e/$base" env TEST_NAME="$subject/$base" sh "$t"
done

[ -z "$failures" ] || echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
