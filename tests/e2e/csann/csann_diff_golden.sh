#!/bin/sh
# csann_diff_golden: `csann diff` and `csann merge` on small fixtures:
# renamed paths and Rust hash suffixes (--mod-filename/--mod-funcname),
# functions on one side only, negative changes, profiles in Cachegrind's,
# Callgrind's and cachesim's event order, per-line changes (--auto=yes),
# and the -o difference profile loaded back by csann (negative counts).
# Compared with tests/golden/csann/expected/*.txt; CSANN_REGOLD=1 rewrites.
. "$TOP_SRCDIR/tests/lib.sh"
G=$TOP_SRCDIR/tests/golden/csann
[ -x "$CSANN" ] || fail "csann not built ($CSANN)"
cp -R "$G/src" "$W/src" && touch -t 200001010000 "$W"/src/* || fail "copy src"
cp "$G"/*.callgrind "$G/callgrind.out" "$G/cachegrind.out" "$G/cachesim.out" "$W/" || fail "copy"
touch -t 200001010000 "$W"/*.callgrind "$W"/*.out

RENAME="--mod-filename=s|^/build/[ab]/|| --mod-funcname=::h[0-9a-f]{16}\$/"
n=0; bad=0
# golden NAME COMMAND...: runs COMMAND in $W (stdout and stderr, exit
# status appended) and compares with expected/NAME.txt.
golden() {
    name=$1; shift
    n=$((n + 1))
    (cd "$W" && "$@") >"$W/$name.txt" 2>"$W/$name.err"
    echo "exit status $?" >>"$W/$name.txt"
    sed "s|$W/||g" "$W/$name.err" >>"$W/$name.txt"
    if [ "${CSANN_REGOLD:-0}" = 1 ]; then
        cp "$W/$name.txt" "$G/expected/$name.txt"; return
    fi
    if ! diff -u "$G/expected/$name.txt" "$W/$name.txt" >"$W/$name.diff"; then
        echo "case $name: output differs:"; head -n 30 "$W/$name.diff"
        bad=$((bad + 1))
    fi
}

# shellcheck disable=SC2086
golden diff_renamed "$CSANN" diff --show=Ir,D1mr $RENAME diff_old.callgrind diff_new.callgrind
golden diff_unrenamed "$CSANN" diff diff_old.callgrind diff_new.callgrind
# shellcheck disable=SC2086
golden diff_sort_threshold "$CSANN" diff --show=all --sort=Dw,Ir --threshold=5 $RENAME diff_old.callgrind diff_new.callgrind
golden diff_cachegrind_callgrind "$CSANN" diff --show=Ir,Dr,Bcm --threshold=0.5 cachegrind.out callgrind.out
golden diff_cachesim_callgrind "$CSANN" diff --show=Ir,D1mr callgrind.out cachesim.out
golden diff_auto "$CSANN" diff --show=Ir,Dr --auto=yes --context=1 -I src --part=1 hand.callgrind hand2.callgrind
# shellcheck disable=SC2086
golden diff_output "$CSANN" diff --show=Ir $RENAME -o difference.out diff_old.callgrind diff_new.callgrind
golden diff_output_profile cat difference.out
golden diff_output_annotated "$CSANN" --auto=no --threshold=0 difference.out
# shellcheck disable=SC2086
golden merge_renamed "$CSANN" merge $RENAME diff_old.callgrind diff_new.callgrind
golden merge_calls "$CSANN" merge hand.callgrind hand2.callgrind
[ "$bad" -eq 0 ] || fail "$bad of $n golden cases failed"
note "$n golden cases passed"
