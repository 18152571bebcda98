# Differential: real installed programs on generated data: sort and gzip.
. "$TOP_SRCDIR/tests/lib.sh"
awk 'BEGIN { s = 1; for (i = 0; i < 20000; i++) { s = (s * 1103515245 + 12345) % 2147483648; print s % 100000, "line", i } }' >"$W/input.txt"
run_pair sort -- sort -n "$W/input.txt"
expect_same_lines sort
run_pair gzip -- gzip -c -6 "$W/input.txt"
expect_same_lines gzip
# The call graph is on by default; the same with it off.
grep -q "^calls=" "$W/gzip.cs" || fail "no calls= lines by default"
CS_EXTRA=--call-graph=no run_pair gzip_nocg -- gzip -c -6 "$W/input.txt"
expect_same_lines gzip_nocg
if grep -q "^calls=\|^# ctx" "$W/gzip_nocg.cs"; then fail "--call-graph=no wrote calls"; fi
