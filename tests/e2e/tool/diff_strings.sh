# Differential: libc string functions, rep movsb/stosq, and -O3 -mavx2 loops.
. "$TOP_SRCDIR/tests/lib.sh"
build strings strings.c -- -O2
run_pair strings -- "$W/strings"
expect_same_lines strings
if grep -q avx2 /proc/cpuinfo; then
    build simd simd.c -- -O3 -mavx2
    run_pair simd -- "$W/simd"
    expect_same_lines simd
else
    note "no AVX2 on this CPU: the -mavx2 case is not run"
fi
