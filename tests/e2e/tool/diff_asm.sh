# Differential: instructions with special counting rules (read-modify-write,
# line-crossing accesses, lock prefixes, CAS, prefetch, AVX, rep movsb,
# bts, fxsave).
. "$TOP_SRCDIR/tests/lib.sh"
grep -q avx /proc/cpuinfo || { note "no AVX: skipped"; exit 0; }
build asm_cases asm_cases.c -- -O1 -mavx
run_pair asm -- "$W/asm_cases"
expect_same_lines asm
