#!/bin/sh
# csann_truncated: a cachesim profile promises its last line in its second
# ("# last line: # end of profile"), and csann rejects one that does not
# end with it: a small profile made here, cut at every byte offset, is
# rejected each time with "csann: FILE:LINE: ..." and exit status 1 (by
# annotate, and by flamegraph where a cut used to drop the exact stacks
# with only a warning); the whole file is read.  csann's own profiles (merge -o,
# diff -o) keep the promise too.  Files without the promise (cachesim's
# before it, Callgrind's, Cachegrind's) are read as before.
. "$TOP_SRCDIR/tests/lib.sh"
G=$TOP_SRCDIR/tests/golden/csann
build small_calls small_calls.c -- -O1
cachesim $GEOM --toggle-collect=work --cachesim-out-file="$W/small.cs" "$W/small_calls" >/dev/null 2>"$W/run.err" ||
    { cat "$W/run.err"; fail "the run failed"; }
P=$W/small.cs
[ "$(sed -n 2p "$P")" = "# last line: # end of profile" ] || fail "line 2 does not promise the last line"
[ "$(tail -n 1 "$P")" = "# end of profile" ] || fail "the profile does not end with '# end of profile'"
grep -q '^calls=' "$P" && grep -q '^# ctx: ' "$P" || fail "no calls or stacks in the profile"
"$CSANN" --auto=no "$P" >/dev/null 2>"$W/err" || { cat "$W/err"; fail "the whole profile is rejected"; }
"$CSANN" flamegraph --folded "$P" >/dev/null 2>"$W/err" || { cat "$W/err"; fail "flamegraph rejects the whole profile"; }

# every_cut FILE: every proper prefix of FILE is rejected by annotate,
# naming the cut file and a line; from the first "# ctx:" line on (where
# flamegraph fell back to reconstructed stacks), by flamegraph too.
every_cut() {
    size=$(wc -c <"$1")
    stacks=$(grep -b -m 1 '^# ctx:' "$1" | cut -d: -f1)
    off=0
    while [ "$off" -lt "$size" ]; do
        head -c "$off" "$1" >"$W/cut"
        for cmd in annotate "flamegraph --folded"; do
            [ "$cmd" = annotate ] || [ "$off" -ge "$stacks" ] || continue
            # shellcheck disable=SC2086
            "$CSANN" $cmd "$W/cut" >/dev/null 2>"$W/err"
            rc=$?
            [ "$rc" -eq 1 ] || { cat "$W/err"; fail "$(basename "$1") cut at byte $off of $size: csann $cmd exit $rc"; }
            read -r msg <"$W/err"
            case $msg in
            "csann: $W/cut:"[0-9]*": "*|"csann flamegraph: $W/cut:"[0-9]*": "*) ;;
            *) cat "$W/err"; fail "$(basename "$1") cut at byte $off: csann $cmd names no FILE:LINE";;
            esac
        done
        off=$((off + 1))
    done
    note "$(basename "$1"): all $size cuts rejected (by flamegraph too from byte $stacks)"
}
every_cut "$P"
# A cut after the last line but its newline, and after the totals.
head -c -1 "$P" >"$W/cut"
"$CSANN" "$W/cut" >/dev/null 2>"$W/err"
grep -q "cut.*: the file is cut short: its last line \"# end of profile\" has no newline" "$W/err" || fail "message for a missing last newline: $(cat "$W/err")"
sed '$d' "$P" >"$W/cut"
"$CSANN" "$W/cut" >/dev/null 2>"$W/err"
grep -q "cut:$(wc -l <"$W/cut"): the file is cut short: it does not end with the line \"# end of profile\" that line 2 says a complete file ends with" "$W/err" ||
    fail "message for a missing last line: $(cat "$W/err")"

# csann's own profiles keep the promise.
"$CSANN" merge -o "$W/merged.cs" "$P" "$P" || fail "merge"
"$CSANN" diff --auto=no -o "$W/diff.cs" "$P" "$P" >/dev/null 2>&1 || fail "diff"
for f in merged.cs diff.cs; do
    [ "$(sed -n 2p "$W/$f")" = "# last line: # end of profile" ] && [ "$(tail -n 1 "$W/$f")" = "# end of profile" ] ||
        fail "$f does not promise and end with its last line"
    sed '$d' "$W/$f" >"$W/cut"
    "$CSANN" "$W/cut" >/dev/null 2>&1 && fail "$f without its last line accepted"
done

# Files that promise nothing: read as before (an old cachesim profile,
# Callgrind's, Cachegrind's, hand-made ones).
for f in old_writer_inlined.callgrind cachesim.out callgrind.out cachegrind.out hand.callgrind; do
    grep -q '^# last line:' "$G/$f" && fail "$f promises a last line"
    "$CSANN" --auto=no "$G/$f" >/dev/null 2>"$W/err" || { cat "$W/err"; fail "$f is no longer read"; }
done
note "profiles without the promise: read as before"
