#!/bin/sh
# csann_fuzz: the libFuzzer targets of tests/fuzz, built with clang,
# AddressSanitizer and UBSan (every UBSan report fatal): each replays the
# whole seed corpus (tests/fuzz/corpus: real profiles and the inputs of
# past findings) and must neither crash, leak nor trip a harness check;
# then each fuzzes for a few seconds from that corpus (about a minute in
# all).  Without clang's libFuzzer the test passes with a SKIPPED note.
# FUZZ_SECONDS sets the seconds of fuzzing per target [3].
. "$TOP_SRCDIR/tests/lib.sh"
F=$TOP_SRCDIR/tests/fuzz
BIN=$W/bin

"$F/build.sh" "$BIN" >"$W/build.log" 2>&1
rc=$?
if [ "$rc" -eq 77 ]; then
    cat "$W/build.log"
    note "SKIPPED: no clang with libFuzzer here (scripts/install-deps.sh installs it)"
    exit 0
fi
[ "$rc" -eq 0 ] || { cat "$W/build.log"; fail "tests/fuzz/build.sh failed"; }
targets=$(cd "$BIN" && ls fuzz_* | sed 's/^fuzz_//')
[ -n "$targets" ] || fail "no fuzz targets built"
note "targets: $(echo $targets)"

# Sanitizer reports fail the run; leaks too (LeakSanitizer at exit).
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0; export ASAN_OPTIONS
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1; export UBSAN_OPTIONS

# The seeds of a target: tests/fuzz/corpus (profiles), or corpus-TARGET for
# a target that reads another format.
seeds() { if [ -d "$F/corpus-$1" ]; then echo "$F/corpus-$1"; else echo "$F/corpus"; fi; }
for t in $targets; do
    log=$W/replay-$t.log
    n_seeds=$(ls "$(seeds "$t")" | wc -l)
    [ "$n_seeds" -gt 0 ] || fail "no inputs in $(seeds "$t")"
    # Each file once: libFuzzer runs the files it is given, then exits.
    "$BIN/fuzz_$t" "$(seeds "$t")"/* >"$log" 2>&1 ||
        { tail -n 40 "$log"; fail "fuzz_$t: replaying the corpus failed (log: $log)"; }
    ran=$(grep -c '^Executed ' "$log")
    [ "$ran" -eq "$n_seeds" ] || { tail -n 20 "$log"; fail "fuzz_$t ran $ran of $n_seeds inputs"; }
    grep -q 'runtime error:\|ERROR: AddressSanitizer\|ERROR: LeakSanitizer' "$log" &&
        { grep -B2 -A20 'runtime error:\|ERROR:' "$log" | head -n 40; fail "fuzz_$t: sanitizer report"; }
    note "fuzz_$t: replayed $n_seeds inputs"
done

# A short run of each; a new corpus directory, so tests/fuzz stays as it is.
seconds=${FUZZ_SECONDS:-3}
total=0
for t in $targets; do
    log=$W/fuzz-$t.log
    mkdir -p "$W/corpus-$t" "$W/findings"
    "$BIN/fuzz_$t" -dict="$F/csann.dict" -max_total_time="$seconds" -timeout=10 \
        -close_fd_mask=3 -print_final_stats=1 -seed=1 \
        -artifact_prefix="$W/findings/$t-" "$W/corpus-$t" "$(seeds "$t")" >"$log" 2>&1 || {
        tail -n 40 "$log"
        fail "fuzz_$t found a problem in ${seconds}s; reproduce with: $BIN/fuzz_$t $(ls "$W"/findings/"$t"-* 2>/dev/null | head -n 1)"
    }
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    [ "${execs:-0}" -gt 0 ] || { tail -n 20 "$log"; fail "fuzz_$t ran no inputs"; }
    total=$((total + execs))
    note "fuzz_$t: $execs executions in ${seconds}s, no finding"
done
note "fuzzed $total inputs in all"
