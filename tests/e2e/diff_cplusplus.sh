# Differential: C++ virtual calls, std::map and std::string.
. "$TOP_SRCDIR/tests/lib.sh"
build virtual virtual.cc -- -O2
run_pair virtual -- "$W/virtual"
expect_same_lines virtual
# With the call graph on, self counts are still Cachegrind's, line by line.
CS_EXTRA=--call-graph=yes run_pair virtual_cg -- "$W/virtual"
expect_same_lines virtual_cg
grep -q "^calls=" "$W/virtual_cg.cs" || fail "--call-graph=yes wrote no calls= lines"
