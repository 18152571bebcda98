# Differential: C++ virtual calls, std::map and std::string.
. "$TOP_SRCDIR/tests/lib.sh"
build virtual virtual.cc -- -O2
run_pair virtual -- "$W/virtual"
expect_same_lines virtual
# With the call graph off (it is on by default), self counts are still
# Cachegrind's, line by line.
grep -q "^calls=" "$W/virtual.cs" || fail "no calls= lines by default"
CS_EXTRA=--call-graph=no run_pair virtual_nocg -- "$W/virtual"
expect_same_lines virtual_nocg
