# Differential: function pointers (indirect branches) and a switch jump table.
. "$TOP_SRCDIR/tests/lib.sh"
build dispatch dispatch.c -- -O2
run_pair dispatch -- "$W/dispatch" 50000
expect_same_lines dispatch
