# Rust programs built with rustc, in legacy and v0 symbol mangling: the
# profile shows demangled names (Valgrind 3.19's demangler knows both) and
# attributes the hot loop's costs to its line in the .rs file.
. "$TOP_SRCDIR/tests/lib.sh"
. "$PROGS/det_lib.sh"
find_rustc
build_rust legacy rust_names.rs
build_rust v0 rust_names.rs -C symbol-mangling-version=v0
nm "$W/legacy" | grep -q '_ZN10rust_names6Matrix8multiply17h' || fail "legacy build has no legacy-mangled symbol"
nm "$W/v0" | grep -q '_RNvMCs.*10rust_namesNtB._6Matrix8multiply' || fail "v0 build has no v0-mangled symbol"
hot=$(grep -n 'out\[i \* n + j\] =' "$PROGS/rust_names.rs" | cut -d: -f1)

# check BUILD FUNCTION...: each demangled name appears as a function.
check() {
    build=$1; shift
    cachesim $GEOM --cachesim-out-file="$W/$build.cs" "$W/$build" >"$W/$build.stdout" 2>"$W/$build.stderr" ||
        { tail "$W/$build.stderr"; fail "$build: run failed"; }
    flatten "$W/$build.cs" >"$W/$build.flat"
    cut -f 2 "$W/$build.flat" | LC_ALL=C sort -u >"$W/$build.fns"
    for fn in "$@"; do
        grep -qxF "$fn" "$W/$build.fns" || { grep rust_names "$W/$build.fns"; fail "$build: no function named '$fn'"; }
    done
    grep -q '_ZN\|^_R' "$W/$build.fns" && fail "$build: mangled names left: $(grep '_ZN\|^_R' "$W/$build.fns" | head -n 3)"
    # The inner loop's line in the .rs file carries most of the method's Ir,
    # with what the compiler inlined into it from the standard library
    # (older rustc, such as Debian 12's 1.63, charge slice indexing to
    # core/src/slice/index.rs, as Cachegrind does).
    awk -F '\t' -v fn="$2" -v hot="$hot" '
        $2 == fn { split($4, c, " "); total += c[1]
                   if ($1 ~ /rust_names\.rs$/ && $3 == hot) line = c[1]
                   else if ($1 ~ /\/library\/(core|alloc|std)\//) inlined += c[1] }
        END { if (total == 0 || line == 0 || (line + inlined) * 2 < total) {
                  printf "line %d: %d (+%d inlined) of %d Ir\n", hot, line, inlined, total; exit 1 }
              printf "%s: line %d of rust_names.rs has %d (+%d inlined from std) of the %d Ir\n", fn, hot, line, inlined, total }' \
        "$W/$build.flat" || fail "$build: the hot loop's costs are not on rust_names.rs:$hot"
}
check legacy rust_names::run rust_names::Matrix::multiply rust_names::total_area rust_names::word_counts
check v0 rust_names::run '<rust_names::Matrix>::multiply' 'rust_names::total_area::<rust_names::Square>' rust_names::word_counts
cmp -s "$W/legacy.stdout" "$W/v0.stdout" || fail "the two builds printed different results"
