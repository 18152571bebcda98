# Differential: real installed programs on generated data: sort and gzip.
. "$TOP_SRCDIR/tests/lib.sh"
awk 'BEGIN { s = 1; for (i = 0; i < 20000; i++) { s = (s * 1103515245 + 12345) % 2147483648; print s % 100000, "line", i } }' >"$W/input.txt"
run_pair sort -- sort -n "$W/input.txt"
expect_same_lines sort
run_pair gzip -- gzip -c -6 "$W/input.txt"
expect_same_lines gzip
# The same with the call graph on.
CS_EXTRA=--call-graph=yes run_pair gzip_cg -- gzip -c -6 "$W/input.txt"
expect_same_lines gzip_cg
