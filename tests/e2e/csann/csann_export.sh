#!/bin/sh
# csann_export: csann export --format=pprof read by the real client, go tool
# pprof.  On the bundled example (examples/cachedemo.c) and on
# tests/programs/calltree.c: for every event, -top -sample_index=EV gives
# each function the self count csann --show=EV gives it; -traces lists the
# profile's exact contexts (also with --lines=no); -list shows the
# profile's per-line counts; Ir is the default sample type; the comments
# carry the command and the fingerprint; --derive adds a sample type;
# -diff_base gives the differences csann does; the export is the same
# bytes every time.  A Callgrind file gets reconstructed stacks (and says
# so); a Cachegrind file, a truncated profile, a file that is no profile, a
# bad option or an unwritable output get a clear error.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
. "$TOP_SRCDIR/tests/tools/pprof.sh"
G=$TOP_SRCDIR/tests/golden/csann
cd "$W" || fail "cd"

# The bundled example, as the docs run it.
${CC:-gcc} -g -O1 -o cachedemo "$TOP_SRCDIR/examples/cachedemo.c" || fail "cannot build cachedemo"
# shellcheck disable=SC2086
cachesim $GEOM --cachesim-out-file=demo.out ./cachedemo >/dev/null 2>cs.err ||
    { cat cs.err; fail "cachesim failed on cachedemo"; }
expect_status 0 "$CSANN" export --format=pprof -o demo.pb.gz demo.out
[ -s out ] && fail "-o: something written to stdout"
[ -s err ] && { cat err; fail "a message on stderr for an exact profile"; }
gzip -t demo.pb.gz || fail "demo.pb.gz is not a gzip file"
expect_same_functions demo.out demo.pb.gz
expect_same_contexts demo.out demo.pb.gz Ir
expect_same_contexts demo.out demo.pb.gz D1mr

# The note of issue 29: -sample_index=D1mr beside csann --show=D1mr.
pprof -top -sample_index=D1mr demo.pb.gz >top.d1mr || fail "-sample_index=D1mr"
grep -q '^Type: D1mr$' top.d1mr || fail "-sample_index=D1mr: no 'Type: D1mr'"
d1mr_main=$(awk -F '\t' '$1 == "main" { print $2 }' cs.D1mr)
awk -v want="$d1mr_main" '$NF == "main" && $1 == want { ok = 1 } END { exit !ok }' top.d1mr ||
    { cat top.d1mr; fail "-sample_index=D1mr: main's flat count is not csann's $d1mr_main"; }

# Ir is the default sample type; every event is a sample type, unit count.
pprof -top demo.pb.gz >top.default || fail "go tool pprof -top"
grep -q '^Type: Ir$' top.default || fail "the default sample type is not Ir"
pprof -raw demo.pb.gz >raw.txt || fail "go tool pprof -raw"
types=$(sed -n 's/^PeriodType: .*//; /^Samples:/{n;p;q}' raw.txt)
for ev in $ALL_EVENTS; do
    echo "$types" | grep -q "$ev/count" || fail "no sample type $ev/count in: $types"
done
# Locations carry files and lines: main's lines of examples/cachedemo.c.
grep -q 'main .*examples/cachedemo.c:[1-9][0-9]* ' raw.txt ||
    fail "-raw: no location of main with its file and line"
grep -q '/cachedemo  *\[FN\]\[FL\]\[LN\]' raw.txt || fail "-raw: no mapping of the program"
# Source lines: -list shows each line of main with the profile's count.
pprof -list='^main$' -sample_index=D1mr demo.pb.gz >list.txt || fail "-list main"
flatten demo.out | awk -F '\t' '$2 == "main" { split($4, c, " "); if (c[5] != 0) print $3 "\t" c[5] }' |
    LC_ALL=C sort >want.lines
awk '$1 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+:/ { l = $3; sub(/:.*/, "", l); print l "\t" $1 }' list.txt |
    LC_ALL=C sort >got.lines
[ -s want.lines ] || fail "main has no D1mr line in the profile"
cmp -s want.lines got.lines || { diff want.lines got.lines; fail "-list main: D1mr per line differs from the profile's"; }
note "-list main: D1mr of $(wc -l <want.lines) lines as in the profile"

# Comments: command, caches and fingerprint.
pprof -comments demo.pb.gz >comments.txt || fail "-comments"
grep -q '^cmd: \./cachedemo$' comments.txt || { cat comments.txt; fail "no cmd: comment"; }
grep -q '^D1 cache: 32768 B, 64 B, 8-way associative$' comments.txt || fail "no D1 cache comment"
grep -q '^Fingerprint: tool=cachesim-' comments.txt || fail "no fingerprint comment"
grep -q '^calling contexts: exact' comments.txt || fail "no 'exact' comment"

# The same bytes every time; -o - writes the same to stdout.
"$CSANN" export -o demo2.pb.gz demo.out || fail "second export"
cmp -s demo.pb.gz demo2.pb.gz || fail "two exports of one profile differ"
"$CSANN" export -o - demo.out >demo3.pb.gz || fail "export -o -"
cmp -s demo.pb.gz demo3.pb.gz || fail "-o - differs from -o FILE"

# --derive: a sum as one more sample type.
expect_status 0 "$CSANN" export --derive=L1m=I1mr+D1mr+D1mw -o derived.pb.gz demo.out
l1m=$(sed -n 's/^totals: //p' demo.out | awk '{ print $2 + $5 + $8 }')
pprof -top -sample_index=L1m derived.pb.gz >top.l1m || fail "-sample_index=L1m"
grep -q "of $l1m total" top.l1m || { head -n 12 top.l1m; fail "L1m total is not $l1m"; }
expect_status 2 "$CSANN" export --derive=D1mr/Dr -o x.pb.gz demo.out
grep -q "a ratio cannot be a sample type" err || fail "no message for a ratio"
expect_status 2 "$CSANN" export --derive=Ir=D1mr -o x.pb.gz demo.out
expect_status 2 "$CSANN" export --derive=Nope -o x.pb.gz demo.out

# calltree.c: recursion, mutual recursion, signals, longjmp.
build calltree calltree.c -- -O1
# shellcheck disable=SC2086
cachesim $GEOM --cachesim-out-file=ct.out ./calltree >/dev/null 2>cs.err ||
    { cat cs.err; fail "cachesim failed on calltree"; }
"$CSANN" export -o ct.pb.gz ct.out || fail "export of calltree"
expect_same_functions ct.out ct.pb.gz
for ev in Ir D1mr Bcm; do expect_same_contexts ct.out ct.pb.gz "$ev"; done
grep -q ';fact;fact;fact' pprof.folded || fail "-traces: no recursive fact context"
# --lines=no: the same functions and contexts, locations without lines.
"$CSANN" export --lines=no -o ct-nolines.pb.gz ct.out || fail "export --lines=no"
expect_same_functions ct.out ct-nolines.pb.gz
expect_same_contexts ct.out ct-nolines.pb.gz Ir
pprof -raw ct-nolines.pb.gz >raw-nolines.txt || fail "-raw of --lines=no"
grep -q ' calltree.c:[1-9]' raw-nolines.txt && fail "--lines=no: a location has a line number"
expect_status 2 "$CSANN" export --lines=maybe -o x.pb.gz ct.out

# -diff_base: the per-function differences csann's tables give.
build calltree2 calltree.c -- -O2
# shellcheck disable=SC2086
cachesim $GEOM --cachesim-out-file=ct2.out ./calltree2 >/dev/null 2>cs.err ||
    { cat cs.err; fail "cachesim failed on calltree -O2"; }
"$CSANN" export -o ct2.pb.gz ct2.out || fail "export of calltree -O2"
for ev in Ir D1mr; do
    csann_functions ct.out "$ev" >old.$ev
    csann_functions ct2.out "$ev" >new.$ev
    awk -F '\t' 'FNR == 1 { f++ } { d[$1] += (f == 1 ? -$2 : $2) }
                 END { for (k in d) if (d[k] != 0) printf "%s\t%d\n", k, d[k] }' old.$ev new.$ev |
        LC_ALL=C sort >want.$ev
    pprof_functions ct2.pb.gz "$ev" -diff_base=ct.pb.gz >got.$ev
    [ -s want.$ev ] || fail "$ev: -O1 and -O2 profiles do not differ"
    cmp -s want.$ev got.$ev || { diff want.$ev got.$ev | head; fail "$ev: -diff_base differs from csann's NEW - OLD"; }
done
note "-diff_base: per-function Ir and D1mr differences equal csann's"

# Without exact stacks: a Callgrind profile gets reconstructed stacks.
expect_status 0 "$CSANN" export -o cg.pb.gz "$G/callgrind.out"
grep -q "stacks reconstructed from caller/callee pairs; not exact" err || fail "no stderr note"
pprof -comments cg.pb.gz | grep -q '^calling contexts: reconstructed' || fail "no 'reconstructed' comment"
pprof_folded cg.pb.gz Ir | grep -q ';main;walk;pick	' || fail "no reconstructed main;walk;pick"
expect_same_functions "$G/callgrind.out" cg.pb.gz
# Errors: no stacks or calls, truncated, not a profile, usage.
expect_status 1 "$CSANN" export -o x.pb.gz "$G/cachegrind.out"
grep -q "has neither exact stacks" err || fail "no error for a Cachegrind profile"
head -c $(( $(wc -c <ct.out) / 2 )) ct.out >truncated.out
expect_status 1 "$CSANN" export -o x.pb.gz truncated.out
grep -q "truncated.out:[0-9]*: " err || { cat err; fail "truncated profile: no FILE:LINE: message"; }
expect_status 1 "$CSANN" export -o x.pb.gz demo.pb.gz
grep -q "demo.pb.gz" err || fail "not a profile: the message does not name the file"
[ -e x.pb.gz ] && fail "a failed export left x.pb.gz"
expect_status 1 "$CSANN" export -o x.pb.gz nonexistent.out
expect_status 1 "$CSANN" export -o /nonexistent/dir/x.pb.gz demo.out
grep -q "/nonexistent/dir/x.pb.gz" err || fail "unwritable output: not named"
expect_status 2 "$CSANN" export demo.out
grep -q "wants -o FILE" err || fail "no message without -o"
# Usage errors as every command gives them: the message, then the pointer
# to --help.
usage_error() {
    message=$1; shift
    expect_status 2 "$CSANN" export "$@"
    { [ "$(sed -n 1p err)" = "csann export: $message" ] &&
      [ "$(sed -n 2p err)" = "(see csann export --help)" ] && [ "$(wc -l <err)" -eq 2 ]; } ||
        { cat err; fail "export $*: want the usage error 'csann export: $message'"; }
}
usage_error "unknown --format 'json' (pprof is the one there is)" --format=json -o x demo.out
usage_error "option '--format' needs a value" --format= -o x demo.out
usage_error "unknown option '--bogus'" --bogus -o x.pb.gz demo.out
usage_error "wants a profile" -o x.pb.gz
usage_error "option '-o' needs a file name" demo.out -o
usage_error "one profile only, not also 'ct.out'" -o x.pb.gz demo.out ct.out
usage_error "--lines wants yes or no, not 'maybe'" --lines=maybe -o x.pb.gz demo.out
usage_error "option '--derive' needs a value" --derive= -o x.pb.gz demo.out
[ -e x ] || [ -e x.pb.gz ] && fail "a usage error left an output file"
# Values also come as the next argument, as for every command.
"$CSANN" export --format pprof --output - --lines no demo.out >sep.pb.gz || fail "--format pprof"
"$CSANN" export --lines=no -o sep2.pb.gz demo.out || fail "export --lines=no of demo.out"
cmp -s sep.pb.gz sep2.pb.gz || fail "options with separate values give another export"
# --help: every option of the table, the shared ones included.
expect_status 0 "$CSANN" export --help
for o in '--format=pprof' '-o FILE, --output=FILE' '--lines=yes|no' '--derive=NAME=SUM' \
         '--part=N|LABEL' '--mod-filename=REGEX/REPLACEMENT' '--mod-funcname=REGEX/REPLACEMENT' \
         '-h, --help'; do
    grep -q -F -- "  $o" out || { cat out; fail "--help does not list $o"; }
done
[ -s err ] && fail "--help wrote to stderr"
note "csann_export: ok"
