# --deterministic=yes on a Rust program that fills a std HashMap and a
# HashSet<String> (their hashers are seeded from getrandom): three runs give
# the same thirteen totals and output; without the option they differ.
. "$TOP_SRCDIR/tests/lib.sh"
. "$PROGS/det_lib.sh"
find_rustc
build_rust det_hashmap det_hashmap.rs
det_runs rust yes "$W/det_hashmap"
det_expect_same rust yes
det_runs rust no "$W/det_hashmap"
det_expect_differ rust no
det_spread rust no
det_spread rust yes
note "output: $(cut -c 1-100 "$W/rust.yes.1.stdout")"
