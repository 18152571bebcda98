# Every reader attributes our profile of a Rust release build (-C
# opt-level=3 -g: iterator, Vec and BTreeMap code from the standard library
# inlined into the program's functions) to the same lines as Cachegrind
# does, with and without --dump-instr=yes; see conformance_cxx.sh.  Built
# with --cfg raw_main, as rust_vs_cachegrind.sh, so that std's start-up
# (which parses /proc/self/maps, different under each tool) stays out and
# every line can be compared.  The standard library's sources are not on
# this machine: callgrind_annotate annotates blank stand-ins for them.
. "$TOP_SRCDIR/tests/lib.sh"
. "$PROGS/det_lib.sh"
. "$TOP_SRCDIR/tests/tools/conformance.sh"
find_rustc
# build_rust passes -C opt-level=2 first; the later option wins.
build_rust names rust_names.rs --cfg raw_main -C opt-level=3
for instr in no yes; do
    CS_EXTRA=--dump-instr=$instr run_pair rn_$instr -- "$W/names"
    conformance rn_$instr
done
grep -q '/rust_names\.rs	' "$W/rn_no.ann.lines" || fail "callgrind_annotate annotated no line of rust_names.rs"
# The standard library's path is /rustc/HASH/library/... in rustup's builds
# and /usr/src/rustc-VERSION/library/... in Debian's.
grep -Eq '/library/(core|alloc|std)/' "$W/rn_no.ann.lines" || fail "callgrind_annotate annotated no line of the standard library"
# The point of the test: standard-library code inlined into the program's
# functions, so the profile switches files inside functions.
grep -q '^fi=.*/library/' "$W/rn_no.cs" || fail "no inlined standard-library code (fi=) in the profile"
