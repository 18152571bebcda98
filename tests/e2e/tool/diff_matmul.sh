# Differential: naive and blocked matrix multiply equal Cachegrind per line.
. "$TOP_SRCDIR/tests/lib.sh"
build matmul matmul.c -- -O2
run_pair naive -- "$W/matmul" naive 96
expect_same_lines naive
run_pair blocked -- "$W/matmul" blocked 96
expect_same_lines blocked
