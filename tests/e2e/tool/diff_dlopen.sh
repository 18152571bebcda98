# Differential: code loaded with dlopen and unloaded with dlclose keeps its
# counts and names, equal to Cachegrind's.
. "$TOP_SRCDIR/tests/lib.sh"
${CC:-gcc} -g -O1 -shared -fPIC -o "$W/plugin.so" "$PROGS/plugin.c" || fail "cannot build plugin.so"
build dlmain dlmain.c -- -O1 -ldl
run_pair dlmain -- "$W/dlmain" "$W/plugin.so"
expect_same_lines dlmain
grep -q "plugin_work" "$W/dlmain.cs.flat" || fail "plugin_work is missing from the profile"
