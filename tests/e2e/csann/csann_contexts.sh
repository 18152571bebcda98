#!/bin/sh
# csann_contexts: the two forms of cachesim's exact calling contexts read
# alike.  golden/csann/calltree_stacks.callgrind is a profile written by
# cachesim before the tree form ("# stack: COUNTS f1;f2;..." lines);
# calltree_ctx.callgrind is the same run (--deterministic=yes, same
# counts) written as a tree ("# ctx:" and "# ctxfn:" lines).  csann must
# keep reading the old form: both give the same folded stacks for all 13
# events, the same annotate report and a differential flame graph with no
# change; the old form's folded stacks are pinned by a golden file;
# callgrind_annotate skips both forms' lines alike.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann
cp "$G/calltree_stacks.callgrind" "$G/calltree_ctx.callgrind" "$W/" || fail "copy"
cd "$W" || fail "cd"
OLD=calltree_stacks.callgrind NEW=calltree_ctx.callgrind
grep -q '^# stack: ' $OLD || fail "$OLD has no # stack: lines"
grep -q '^# ctx: ' $NEW || fail "$NEW has no # ctx: lines"

for ev in $ALL_EVENTS; do
    expect_status 0 "$CSANN" flamegraph --folded --event=$ev $OLD
    LC_ALL=C sort out >old.folded
    expect_status 0 "$CSANN" flamegraph --folded --event=$ev $NEW
    LC_ALL=C sort out >new.folded
    [ -s old.folded ] || fail "$ev: no folded stacks"
    cmp -s old.folded new.folded || { diff old.folded new.folded | head >&2; fail "$ev: the two forms differ"; }
done
note "the same folded stacks for all 13 events from both forms"

expect_status 0 "$CSANN" flamegraph --folded --event=Ir $OLD
LC_ALL=C sort out >old.folded
mv old.folded out
if [ "${CSANN_REGOLD:-0}" = 1 ]; then cp out "$G/expected/calltree_stacks_folded_ir.txt"; fi
diff -u "$G/expected/calltree_stacks_folded_ir.txt" out || fail "old form: folded stacks differ from the golden file"
grep -q '^(below main);__libc_start_main@@GLIBC_2.34;(below main);main;middle;leaf [0-9]' out ||
    fail "old form: no main;middle;leaf context"

expect_status 0 "$CSANN" annotate --inclusive=yes --tree=both --auto=no --threshold=0 $OLD
grep -v "^Profile data file" out >old.ann
expect_status 0 "$CSANN" annotate --inclusive=yes --tree=both --auto=no --threshold=0 $NEW
grep -v "^Profile data file" out >new.ann
cmp -s old.ann new.ann || { diff old.ann new.ann | head >&2; fail "annotate reads the two forms differently"; }

# A differential graph of the two: every context unchanged.
expect_status 0 "$CSANN" flamegraph --diff --folded --event=D1mr $OLD $NEW
[ -s out ] || fail "--diff: no stacks"
awk '$(NF - 1) != $NF { print; bad = 1 } END { exit bad }' out || fail "--diff: a context changed"

(cd / && callgrind_annotate --inclusive=yes --auto=no "$W/$OLD") >ca.old 2>&1 || fail "callgrind_annotate (old form)"
(cd / && callgrind_annotate --inclusive=yes --auto=no "$W/$NEW") >ca.new 2>&1 || fail "callgrind_annotate (tree)"
grep -v -e '^Profile data file' -e '^Data file' ca.old >a.old
grep -v -e '^Profile data file' -e '^Data file' ca.new >a.new
cmp -s a.old a.new || { diff a.old a.new | head >&2; fail "callgrind_annotate reads the two forms differently"; }
note "csann_contexts: ok"
