#!/bin/sh
# ci-job.sh - the CI example: build the benchmark, run it under cachesim,
# check the counts against budgets, and leave a JUnit report.
#   examples/ci/ci-job.sh [WORKDIR]
# Environment: VALGRIND (default: valgrind), CSANN (default: csann),
# CACHESIM_INCLUDE (where cachesim.h is, if not installed),
# EXTRA_CFLAGS (e.g. -DWC_SLOW_HASH, the deliberate regression).
set -e
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-ci-work}
mkdir -p "$work"
cd "$work"

${CC:-cc} -g -O2 ${CACHESIM_INCLUDE:+-I"$CACHESIM_INCLUDE"} ${EXTRA_CFLAGS:-} \
    -o bench_wordcount "$here/bench_wordcount.c" "$here/wordcount.c"

# Fixed geometry, so that the numbers mean the same on every machine.
${VALGRIND:-valgrind} --tool=cachesim \
    --I1=32768,8,64 --D1=32768,8,64 --LL=8388608,16,64 \
    --cachesim-out-file=bench.cachesim ./bench_wordcount

# Fails (exit 1) when a budget is exceeded; report.xml goes to the CI server.
${CSANN:-csann} check --budgets="$here/budgets.txt" --junit=report.xml bench.cachesim
