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

run_one() {  # name short-name command...
    name=$1; short=$2; shift 2
    case "$name" in $pattern) ;; *) case "$short" in $pattern) ;; *) return 0;; esac;; esac
    log="$TEST_WORK/$(echo "$name" | tr / _).log"
    start=$(date +%s)
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "PASS: $name ($(( $(date +%s) - start ))s)"
    else
        failed=$((failed + 1))
        failures="$failures $name"
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
