#!/bin/sh
# Run every test: the host unit tests of the models, then the end-to-end
# tests in tests/e2e/*.sh (each runs programs under the tool through
# vg-in-place).  One line per test; the last line is "N passed, N failed".
#   tests/run-tests.sh SRCDIR BUILDDIR [NAME-PATTERN]
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

run_one() {  # name command...
    name=$1; shift
    case "$name" in $pattern) ;; *) return 0;; esac
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

for t in "$builddir"/tests/unit/test_*; do
    [ -x "$t" ] || continue
    case "$t" in *.o|*.c) continue;; esac
    run_one "unit/$(basename "$t")" "$t"
done
for t in "$srcdir"/tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    name=e2e/$(basename "$t" .sh)
    run_one "$name" env TEST_NAME="$(basename "$t" .sh)" sh "$t"
done

[ -z "$failures" ] || echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
