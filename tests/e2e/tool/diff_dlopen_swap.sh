# Differential: a plugin unloaded with dlclose and a second one loaded at
# the same addresses: each keeps its own names and lines, equal to
# Cachegrind's (the tool caches what the debug information says of an
# address; loading and unloading debug information must empty that cache).
. "$TOP_SRCDIR/tests/lib.sh"
${CC:-gcc} -g -O1 -shared -fPIC -o "$W/plugin_a.so" "$PROGS/plugin_a.c" || fail "cannot build plugin_a.so"
${CC:-gcc} -g -O1 -shared -fPIC -o "$W/plugin_b.so" "$PROGS/plugin_b.c" || fail "cannot build plugin_b.so"
build dlmain dlmain.c -- -O1 -ldl
run_pair dlswap -- "$W/dlmain" "$W/plugin_a.so" "$W/plugin_b.so"
expect_same_lines dlswap
grep -q "plugin_a\.c" "$W/dlswap.cs.flat" || fail "plugin_a.c's lines are missing from the profile"
grep -q "plugin_b\.c" "$W/dlswap.cs.flat" || fail "plugin_b.c's lines are missing from the profile"
