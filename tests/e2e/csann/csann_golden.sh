#!/bin/sh
# csann_golden: csann's whole output on small fixture profiles (hand-made
# callgrind files in Callgrind's and in cachesim's style, one written by
# Callgrind, one by Cachegrind) for each
# option, compared with tests/golden/csann/expected/*.txt.
# CSANN_REGOLD=1 rewrites the expected files instead of comparing.
. "$TOP_SRCDIR/tests/lib.sh"
G=$TOP_SRCDIR/tests/golden/csann
[ -x "$CSANN" ] || fail "csann not built ($CSANN)"

cp -R "$G/src" "$W/src" || fail "copy src"
touch -t 200001010000 "$W"/src/* || fail "touch src"
cp "$G/hand.callgrind" "$G/callgrind.out" "$G/cachegrind.out" "$G/cachesim.out" "$W/" || fail "copy fixtures"

n=0; bad=0
while read -r name args; do
    case "$name" in ''|'#'*) continue;; esac
    n=$((n + 1))
    # shellcheck disable=SC2086
    (cd "$W" && "$CSANN" $args) >"$W/$name.txt" 2>"$W/$name.err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "case $name: exit $rc"; cat "$W/$name.err"; bad=$((bad + 1)); continue
    fi
    if [ "${CSANN_REGOLD:-0}" = 1 ]; then
        mkdir -p "$G/expected" && cp "$W/$name.txt" "$G/expected/$name.txt"
        continue
    fi
    if ! diff -u "$G/expected/$name.txt" "$W/$name.txt" >"$W/$name.diff"; then
        echo "case $name: output differs:"; head -n 30 "$W/$name.diff"
        bad=$((bad + 1))
    fi
done <"$G/cases"
[ "$n" -ge 15 ] || fail "only $n cases read from $G/cases"
[ "$bad" -eq 0 ] || fail "$bad of $n golden cases failed"
note "$n golden cases passed"
