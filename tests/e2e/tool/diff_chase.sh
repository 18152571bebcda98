# Differential: a pointer chase over 4 MB (larger than the 1 MB LL) equals
# Cachegrind per line, LL misses included.
. "$TOP_SRCDIR/tests/lib.sh"
build chase chase.c -- -O2
run_pair chase -- "$W/chase" 524288 300000
expect_same_lines chase
