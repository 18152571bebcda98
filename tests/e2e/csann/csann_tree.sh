#!/bin/sh
# csann_tree: `csann annotate --tree=caller|calling|both` on a hand-made
# profile (golden output: callers "<", callees ">", call counts, inclusive
# call costs), and the reader's "# stack:" lines: merged, checked against
# the totals, and malformed ones reported as FILE:LINE with exit 1.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann
cp "$G/stacks.callgrind" "$W/" || fail "copy"
cd "$W" || fail "cd"

golden() {  # NAME: compares $W/out with expected/NAME.txt
    if [ "${CSANN_REGOLD:-0}" = 1 ]; then cp out "$G/expected/$1.txt"; fi
    diff -u "$G/expected/$1.txt" out || fail "output differs from expected/$1.txt"
}

expect_status 0 "$CSANN" annotate --inclusive=yes --tree=both --auto=no stacks.callgrind
golden tree_both
# caller lists only "<" lines, calling only ">" lines.
expect_status 0 "$CSANN" annotate --inclusive=yes --tree=caller --auto=no stacks.callgrind
grep -q '  < app.c:parse (3x)' out || fail "--tree=caller: no caller line"
grep -q '  >   ' out && fail "--tree=caller lists callees"
expect_status 0 "$CSANN" annotate --tree=calling --auto=no stacks.callgrind
grep -q '  >   app.c:lookup (3x)' out || fail "--tree=calling: no callee line"
grep -q '  < ' out && fail "--tree=calling lists callers"
expect_status 2 "$CSANN" annotate --tree=sideways stacks.callgrind
grep -q "tree wants none, caller, calling or both" err || fail "bad --tree value not named"

# Folded stacks of the exact contexts, identical stacks merged.
sed 's/^# stack: 12 1 (below main);main;lookup$/# stack: 10 1 (below main);main;lookup\n# stack: 2 0 (below main);main;lookup/' \
    stacks.callgrind >merged.callgrind
expect_status 0 "$CSANN" flamegraph --folded --event=Ir merged.callgrind
golden stacks_folded_ir
expect_status 0 "$CSANN" flamegraph --folded --event=D1mr stacks.callgrind
[ "$(cat out)" = "(below main) 1
(below main);main;parse 2
(below main);main;parse;lookup 2
(below main);main;lookup 1" ] || { cat out; fail "D1mr folded stacks (zero lines must be left out)"; }

# Malformed # stack: lines: FILE:LINE: message, exit 1, no crash.
bad() {  # SED-SCRIPT LINE MESSAGE
    sed "$1" stacks.callgrind >bad.callgrind
    expect_status 1 "$CSANN" flamegraph --folded bad.callgrind
    grep -q "^csann: bad.callgrind:$2: .*$3" err || { cat err; fail "want bad.callgrind:$2: $3"; }
    expect_status 1 "$CSANN" annotate bad.callgrind
    grep -q "bad.callgrind:$2: .*$3" err || { cat err; fail "annotate: want bad.callgrind:$2: $3"; }
}
bad 's/^# stack: 5 1 (below main)$/# stack: 5 (below main)/' 39 'wants 2 counts'
bad 's/^# stack: 5 1 (below main)$/# stack: 5 1 7 (below main)/' 39 'more counts than'
bad 's/^# stack: 10 0 /# stack: 10 x0 /' 40 'wants 2 counts'
bad 's/^# stack: 10 0 /# stack: 10 0x /' 40 'bad count'
bad 's/^# stack: 10 0 .*/# stack: 10 0/' 40 'without a stack'
bad 's/^# stack: 10 0 .*/# stack: 10 0 main;;parse/' 40 'empty frame'
bad 's/^# stack: 10 0 /# stack: 99999999999999999999 0 /' 40 'number too large'
bad 's/^# stack: 20 2 /# stack: 21 2 /' 45 'stack: lines add up to 66 Ir'
bad '5i\
# stack: 1 1 main' 5 'before events'
note "csann_tree: ok"
