# A Rust program that uses no randomness (BTreeMap, not HashMap): every
# count on every line equals Cachegrind's.  Built with --cfg raw_main: std's
# runtime start-up parses /proc/self/maps, which lists each tool's own
# mappings and so differs between Cachegrind and cachesim (see the program).
. "$TOP_SRCDIR/tests/lib.sh"
. "$PROGS/det_lib.sh"
find_rustc
build_rust names rust_names.rs --cfg raw_main
run_pair rust_names -- "$W/names"
expect_same_lines rust_names
grep -q 'rust_names\.rs' "$W/rust_names.cs.flat" || fail "no line of rust_names.rs in the profile"
grep -q 'rust_names::Matrix::multiply' "$W/rust_names.cs.flat" || fail "no rust_names::Matrix::multiply in the profile"
# The same with v0 mangling: the names change, the counts do not.
build_rust names_v0 rust_names.rs --cfg raw_main -C symbol-mangling-version=v0
run_pair rust_names_v0 -- "$W/names_v0"
expect_same_lines rust_names_v0
grep -q '<rust_names::Matrix>::multiply' "$W/rust_names_v0.cs.flat" || fail "no <rust_names::Matrix>::multiply in the v0 profile"
