#!/bin/sh
# csann_merge: `csann merge` sums profiles (events matched by name); the
# round trip merge(A, B) - A == B holds per function and in the totals;
# the merged file loads in callgrind_annotate without warnings; exact
# calling contexts (# ctx: lines) are merged by stack; and bad
# input (different events, empty or missing files, unwritable -o) gives a
# clear message and exit status 1, usage errors 2.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann
cp "$G"/*.callgrind "$G/callgrind.out" "$G/cachegrind.out" "$G/cachesim.out" "$W/" || fail "copy"
cd "$W" || fail "cd"

# totals_of PROFILE: "Ir Dr ..." of csann's PROGRAM TOTALS line, no commas.
totals_of() {
    "$CSANN" --auto=no --show="$2" "$1" | awk '/PROGRAM TOTALS/ { gsub(/\([^)]*\)/, ""); gsub(/,/, ""); $NF = ""; $(NF-1) = ""; print; exit }' | tr -s ' ' | sed 's/^ //; s/ *$//'
}
EV=Ir,Dr,Dw,D1mr,Bc,Bcm
expect_status 0 "$CSANN" merge -o m.out callgrind.out cachesim.out cachegrind.out
[ -s m.out ] || fail "no merged file"
a=$(totals_of callgrind.out $EV); b=$(totals_of cachesim.out $EV); c=$(totals_of cachegrind.out $EV)
expected=$(echo "$a
$b
$c" | awk '{ for (i = 1; i <= NF; i++) s[i] += $i } END { for (i = 1; i <= NF; i++) printf "%s%d", (i > 1 ? " " : ""), s[i]; print "" }')
got=$(totals_of m.out $EV)
[ "$got" = "$expected" ] || fail "merged totals '$got', want the sum '$expected'"
note "merged totals = sum of the three: $got"

# stdout and -o give the same bytes.
"$CSANN" merge callgrind.out cachesim.out cachegrind.out >m.stdout || fail "merge to stdout"
cmp -s m.out m.stdout || fail "merge to stdout differs from -o"

# callgrind_annotate reads the merged file, without warnings, same totals.
if command -v callgrind_annotate >/dev/null 2>&1; then
    callgrind_annotate --auto=no m.out >ca.out 2>ca.err || { cat ca.err; fail "callgrind_annotate failed"; }
    [ ! -s ca.err ] || { cat ca.err; fail "callgrind_annotate warned"; }
    ca=$(awk '/PROGRAM TOTALS/ { gsub(/\([^)]*\)/, ""); gsub(/,/, ""); print $1; exit }' ca.out)
    [ "$ca" = "${expected%% *}" ] || fail "callgrind_annotate Ir total $ca, want ${expected%% *}"
else
    note "SKIPPED: callgrind_annotate not installed"
fi

# Round trip: diff A against merge(A, B) is B, per function and in total.
expect_status 0 "$CSANN" merge -o ab.out hand.callgrind hand2.callgrind
expect_status 0 "$CSANN" diff --threshold=0 -o back.out hand.callgrind ab.out
for e in Ir Dr Dw I1mr D1mr D1mw; do
    [ "$(totals_of back.out $e)" = "$(totals_of hand2.callgrind $e)" ] ||
        fail "round trip: $e total $(totals_of back.out $e), want $(totals_of hand2.callgrind $e)"
done
"$CSANN" --auto=no --threshold=0 --show=Ir,Dr,Dw,I1mr,D1mr,D1mw back.out | fn_table 6 | grep -v ' 0 0 0 0 0 0$' >rt.got
"$CSANN" --auto=no --threshold=0 --show=Ir,Dr,Dw,I1mr,D1mr,D1mw hand2.callgrind | fn_table 6 >rt.want
diff rt.want rt.got || fail "round trip: per-function costs of merge(A,B) - A differ from B"
[ "$(wc -l <rt.want)" -ge 4 ] || fail "round trip compared too few functions"
note "round trip merge(A,B) - A == B holds ($(wc -l <rt.want) functions)"

# Exact calling contexts are merged by stack: the merged file's stacks are
# the union of the inputs' (here a second input whose leaf is renamed, so
# some stacks are its own), each stack's costs the sum of its costs in the
# inputs, for every event; a flame graph of it is exact, not reconstructed.
cp "$G/calltree_ctx.callgrind" ctx.callgrind || fail "copy"
sed 's/ leaf$/ leaf2/' ctx.callgrind >ctx2.callgrind
cmp -s ctx.callgrind ctx2.callgrind && fail "ctx2.callgrind renamed nothing"
expect_status 0 "$CSANN" merge -o ctx.merged ctx.callgrind ctx2.callgrind "$G/calltree_stacks.callgrind"
grep -q '^# ctx: ' ctx.merged || fail "the merged profile has no # ctx: lines"
[ ! -s err ] || { cat err; fail "merge warned on profiles that all have contexts"; }
for e in Ir D1mr Bcm; do
    for f in ctx.callgrind ctx2.callgrind "$G/calltree_stacks.callgrind"; do
        "$CSANN" flamegraph --folded --event=$e "$f" || fail "folded $f"
    done | awk '{ n = $NF; $NF = ""; s[$0] += n } END { for (k in s) print k s[k] }' | sort >want.$e
    "$CSANN" flamegraph --folded --event=$e ctx.merged 2>folded.err | sort >got.$e || fail "folded ctx.merged"
    [ ! -s folded.err ] || { cat folded.err; fail "flamegraph of the merged profile warned (reconstructed?)"; }
    diff want.$e got.$e >/dev/null || { diff want.$e got.$e | head; fail "$e: merged stacks are not the sums of the inputs' stacks"; }
done
grep -q ';leaf2 ' want.Ir && grep -q ';leaf ' want.Ir || fail "the inputs' stacks do not differ"
note "contexts merged by stack: $(wc -l <got.Ir) stacks, Ir, D1mr and Bcm summed"
if command -v callgrind_annotate >/dev/null 2>&1; then
    callgrind_annotate --auto=no ctx.merged >ca.out 2>ca.err || fail "callgrind_annotate failed on ctx.merged"
    [ ! -s ca.err ] || { cat ca.err; fail "callgrind_annotate warned on ctx.merged"; }
fi
# An input without contexts: a warning, and no contexts (they would not
# add up to the totals).
grep -v '^# ctx' ctx.callgrind >noctx.callgrind
expect_status 0 "$CSANN" merge -o mixed.out ctx.callgrind noctx.callgrind
grep -q "noctx.callgrind has no exact calling contexts" err || { cat err; fail "no warning for an input without contexts"; }
grep -q '^# ctx' mixed.out && fail "contexts written although an input had none"
"$CSANN" flamegraph --folded mixed.out >/dev/null 2>folded.err || fail "folded mixed.out"
grep -q reconstructed folded.err || fail "mixed.out: flamegraph did not reconstruct"
# Likewise an input of two parts of which only one has contexts: the
# merged part's contexts would not add up to its totals, which the reader
# rejects (found by fuzzing).
cat ctx.callgrind noctx.callgrind >twoparts.callgrind
expect_status 0 "$CSANN" merge -o twoparts.out twoparts.callgrind ctx.callgrind
grep -q "twoparts.callgrind has no exact calling contexts" err || { cat err; fail "no warning for a part without contexts"; }
grep -q '^# ctx' twoparts.out && fail "contexts written although a part had none"
"$CSANN" --auto=no twoparts.out >/dev/null 2>folded.err || { cat folded.err; fail "csann cannot read the merged twoparts.out"; }

# Errors.
expect_status 1 "$CSANN" merge -o x.out hand.callgrind callgrind.out
grep -q "different events" err && grep -q "hand.callgrind: Ir Dr Dw I1mr D1mr D1mw" err &&
    grep -q "callgrind.out: Ir Dr Dw I1mr D1mr D1mw ILmr" err || { cat err; fail "event mismatch message"; }
[ ! -e x.out ] || fail "output written despite the error"
: >empty.out
expect_status 1 "$CSANN" merge empty.out hand.callgrind
grep -q "empty.out:0: empty file" err || { cat err; fail "empty file message"; }
expect_status 1 "$CSANN" merge hand.callgrind missing.out
grep -q "missing.out: cannot open: No such file" err || { cat err; fail "missing file message"; }
expect_status 1 "$CSANN" merge -o "$W/no/such/dir/m.out" hand.callgrind hand2.callgrind
grep -q "no/such/dir/m.out: cannot write" err || { cat err; fail "unwritable -o message"; }
ls -a | grep -q '^\.m\.out\.' && fail "temporary file left behind"
expect_status 2 "$CSANN" merge hand.callgrind
expect_status 2 "$CSANN" merge --bogus hand.callgrind hand2.callgrind
expect_status 2 "$CSANN" merge --mod-filename='([/x' hand.callgrind hand2.callgrind
grep -q "mod-filename" err || fail "bad regex message"
# Different commands: a warning only.
sed 's/^cmd: .*/cmd: .\/other/' hand2.callgrind >other.callgrind
expect_status 0 "$CSANN" merge -o o.out hand.callgrind other.callgrind
grep -q "warning: different commands" err || { cat err; fail "no warning for different commands"; }
note "merge errors behave"

# Functions of one name in several objects (_init of each library) keep
# their own ids in the merged file: KCachegrind binds an id to the object
# where it is defined, so a shared id would put them all under the first.
# Checked with KCachegrind's rules (tests/tools/kcachegrind_rules.awk).
cat >libs.callgrind <<'PROFILE'
# callgrind format
version: 1
creator: hand-written
positions: line
events: Ir
summary: 60
ob=/lib/liba.so
fl=a.c
fn=_init
1 10
fn=main
2 5
cob=/lib/libb.so
cfi=b.c
cfn=_init
calls=1 1
2 20
ob=/lib/libb.so
fl=b.c
fn=_init
1 20
ob=/lib/libc.so
fl=c.c
fn=_init
1 25
totals: 60
PROFILE
expect_status 0 "$CSANN" merge -o libs.merged libs.callgrind libs.callgrind
awk -f "$TOP_SRCDIR/tests/tools/kcachegrind_rules.awk" libs.merged >libs.kcg || fail "kcachegrind_rules.awk failed"
[ ! -s libs.kcg ] || { cat libs.kcg; fail "KCachegrind would read the merged file otherwise"; }
[ "$(grep -c '^c\{0,1\}fn=([0-9]*) _init$' libs.merged)" = 3 ] || { cat libs.merged; fail "_init not defined once per object"; }
if command -v callgrind_annotate >/dev/null 2>&1; then
    callgrind_annotate --auto=no libs.merged >ca.out 2>ca.err || fail "callgrind_annotate failed"
    [ ! -s ca.err ] || { cat ca.err; fail "callgrind_annotate warned on libs.merged"; }
fi
note "same-named functions of different objects keep their own ids"
