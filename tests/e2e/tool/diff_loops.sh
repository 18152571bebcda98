# Differential: integer loops and data-dependent branches equal Cachegrind per line.
. "$TOP_SRCDIR/tests/lib.sh"
build loops loops.c -- -O1
run_pair loops -- "$W/loops" 20000
expect_same_lines loops
