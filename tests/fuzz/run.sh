#!/bin/sh
# A long fuzzing run of csann: each target in turn (one process at a time),
# for SECONDS each, from the seed corpus and what earlier runs in DIR found.
#   tests/fuzz/run.sh [-t SECONDS] [-d DIR] [-s SEED] [TARGET[=SECONDS]...]
# SECONDS per target [600], or as given after a TARGET (cpu_desc=900: the
# fast targets can take more executions in the same time); DIR [fuzz-run]
# keeps the build (DIR/bin), the
# grown corpus of each target (DIR/corpus/TARGET), the logs and the inputs
# of findings (DIR/findings/TARGET-crash-..., -leak-..., -timeout-...,
# -oom-...); SEED [random] is libFuzzer's -seed.  TARGETs: those of
# build.sh [all].  Ends with a table of executions per target and exits 1
# if anything was found.  Reproduce a finding with
#   DIR/bin/fuzz_TARGET DIR/findings/TARGET-crash-...
set -u
here=$(cd "$(dirname "$0")" && pwd)
seconds=600
dir=fuzz-run
seed=
while getopts t:d:s: opt; do
    case $opt in
    t) seconds=$OPTARG ;;
    d) dir=$OPTARG ;;
    s) seed=$OPTARG ;;
    *) echo "usage: tests/fuzz/run.sh [-t SECONDS] [-d DIR] [-s SEED] [TARGET[=SECONDS]...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
mkdir -p "$dir" && dir=$(cd "$dir" && pwd) || exit 2

"$here/build.sh" "$dir/bin" || exit $?
targets=${*:-$(cd "$dir/bin" && ls fuzz_* | sed 's/^fuzz_//')}
mkdir -p "$dir/findings" "$dir/logs"
summary=$dir/summary.txt
{
    echo "csann fuzzing: $(date -u '+%Y-%m-%d %H:%M UTC'), ${*:-all targets} (default $seconds s each), commit $(git -C "$here" describe --always --dirty 2>/dev/null || echo "?")"
    printf '%-11s %12s %8s %6s %8s %8s  %s\n' TARGET EXECUTIONS EXEC/S COV CORPUS SECONDS FINDINGS
} >"$summary"
total=0
total_secs=0
found=0
for arg in $targets; do
    t=${arg%%=*}
    secs_t=$seconds
    [ "$t" = "$arg" ] || secs_t=${arg#*=}
    [ -x "$dir/bin/fuzz_$t" ] || { echo "run.sh: no target '$t'" >&2; exit 2; }
    mkdir -p "$dir/corpus/$t"
    seeds=$here/corpus     # the profiles; a target of another format has corpus-TARGET
    [ -d "$here/corpus-$t" ] && seeds=$here/corpus-$t
    log=$dir/logs/$t.log
    start=$(date +%s)
    # -close_fd_mask=3: csann's own messages are not wanted; libFuzzer and
    # the sanitizers still report (run a finding's input again to see them).
    # shellcheck disable=SC2086
    "$dir/bin/fuzz_$t" -dict="$here/csann.dict" -max_total_time="$secs_t" \
        -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3 -print_final_stats=1 \
        ${seed:+-seed=$seed} -artifact_prefix="$dir/findings/$t-" \
        "$dir/corpus/$t" "$seeds" >"$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
    execs=${execs:-0}
    cov=$(sed -n 's/^#[0-9].* cov: \([0-9]*\) .*/\1/p' "$log" | tail -n 1)
    n_corpus=$(ls "$dir/corpus/$t" | wc -l)
    what=none
    if [ "$rc" -ne 0 ]; then
        found=$((found + 1))
        what=$(grep -o 'Test unit written to .*' "$log" | sed 's/Test unit written to //' | tail -n 1)
        what="exit $rc: ${what:-see $log}"
    fi
    total=$((total + execs))
    total_secs=$((total_secs + secs))
    printf '%-11s %12s %8s %6s %8s %8s  %s\n' "$t" "$execs" "$((execs / (secs > 0 ? secs : 1)))" \
        "${cov:-?}" "$n_corpus" "$secs" "$what" >>"$summary"
    tail -n 1 "$summary"
done
printf '%-11s %12s %8s %6s %8s %8s\n' total "$total" "$((total / (total_secs > 0 ? total_secs : 1)))" \
    '' '' "$total_secs" >>"$summary"
echo
cat "$summary"
[ "$found" -eq 0 ]
