#!/bin/sh
# csann_export_programs: csann export --format=pprof of the harder profiles,
# read by go tool pprof: a profile of three parts (CACHESIM_DUMP_STATS_AT),
# whole and one part (--part); a multithreaded program, whose threads'
# contexts all appear; a recursion 1000 calls deep, cut at 400 frames as
# the tool records it.  Each time, for every event, -top gives every
# function csann's self count, and -traces lists the profile's contexts.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
. "$TOP_SRCDIR/tests/tools/pprof.sh"
cd "$W" || fail "cd"

# Three parts: "work", "second" and the rest at exit.
build regions regions.c -- -O1 -I"$TOP_SRCDIR/include"
# shellcheck disable=SC2086
cachesim $GEOM --cachesim-out-file=parts.out ./regions dump >/dev/null 2>cs.err ||
    { cat cs.err; fail "cachesim failed on regions"; }
[ "$(grep -c '^part: ' parts.out)" -ge 3 ] || fail "regions dump did not write three parts"
"$CSANN" export -o parts.pb.gz parts.out || fail "export of three parts"
expect_same_functions parts.out parts.pb.gz
expect_same_contexts parts.out parts.pb.gz Ir
pprof -comments parts.pb.gz | grep -q 'the sum of its 3 parts' || fail "no comment on the parts"
"$CSANN" export --part=work -o work.pb.gz parts.out || fail "export --part=work"
expect_same_functions parts.out work.pb.gz --part=work
work_ir=$(awk -F '\t' '$1 == "work" { print $2 }' "$W/cs.Ir")
pprof -comments work.pb.gz | grep -q '1 of its 3 parts' || fail "no comment on the part"
note "--part=work: work() Ir $work_ir, as csann --part=work"

# Two threads besides main: both threads' work() contexts are listed.
build threads threads.c -- -O1 -pthread
# shellcheck disable=SC2086
cachesim $GEOM --cachesim-out-file=threads.out ./threads 20000 >/dev/null 2>cs.err ||
    { cat cs.err; fail "cachesim failed on threads"; }
"$CSANN" export -o threads.pb.gz threads.out || fail "export of threads"
expect_same_functions threads.out threads.pb.gz
expect_same_contexts threads.out threads.pb.gz Ir
expect_same_contexts threads.out threads.pb.gz D1mw
pprof_folded threads.pb.gz Ir >threads.folded
awk -F '\t' '$1 ~ /^start_thread;work$/ { s += $2 } END { exit !(s >= 2 * 20000) }' threads.folded ||
    fail "-traces: the threads' work() contexts are missing (or hold too little)"

# A recursion 1000 deep: contexts deeper than 400 frames share the 400th.
build deeprec deeprec.c -- -O1
# shellcheck disable=SC2086
cachesim $GEOM --cachesim-out-file=deep.out ./deeprec 1000 >/dev/null 2>cs.err ||
    { cat cs.err; fail "cachesim failed on deeprec"; }
"$CSANN" export -o deep.pb.gz deep.out || fail "export of the deep recursion"
expect_same_functions deep.out deep.pb.gz
expect_same_contexts deep.out deep.pb.gz Ir
frames=$(awk -F '\t' '{ n = split($1, f, ";"); if (n > m) m = n } END { print m }' pprof.folded)
want=$(awk -F '\t' '{ n = split($1, f, ";"); if (n > m) m = n } END { print m }' prof.folded)
[ "$frames" = "$want" ] && [ "$frames" -ge 400 ] ||
    fail "-traces: the deepest stack has $frames frames, the profile's $want"
pprof -top -sample_index=Ir deep.pb.gz >top.deep || fail "-top of the deep recursion"
awk '$NF == "down" { ok = 1 } END { exit !ok }' top.deep || fail "-top: no down()"
note "deep recursion: $frames frames in the deepest stack"
note "csann_export_programs: ok"
