# Differential: C++ virtual calls, std::map and std::string.
. "$TOP_SRCDIR/tests/lib.sh"
build virtual virtual.cc -- -O2
run_pair virtual -- "$W/virtual"
expect_same_lines virtual
