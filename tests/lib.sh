# tests/lib.sh - helpers for the end-to-end tests (sourced, POSIX sh).
# The runner exports TOP_SRCDIR, TOP_BUILDDIR, VG_IN_PLACE, CSANN, TEST_WORK.
set -u
: "${TOP_SRCDIR:?run through tests/run-tests.sh}"
W="$TEST_WORK/${TEST_NAME:-test}"
rm -rf "$W" && mkdir -p "$W" || exit 1
PROGS=$TOP_SRCDIR/tests/programs
# Explicit geometry: auto-detection on these machines gives odd caches.
GEOM="--I1=32768,8,64 --D1=32768,8,64 --LL=1048576,16,64"

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "$*"; }

# build OUT SRC... [-- CFLAGS...]: compile a test program into $W.
build() {
    out=$1; shift
    srcs=; flags=
    while [ $# -gt 0 ]; do
        if [ "$1" = "--" ]; then shift; flags="$*"; break; fi
        srcs="$srcs $PROGS/$1"; shift
    done
    case "$srcs" in *.cc*|*.cpp*) cc=${CXX:-g++};; *) cc=${CC:-gcc};; esac
    # shellcheck disable=SC2086
    $cc -g $flags -o "$W/$out" $srcs || fail "could not compile $out"
}

# cachesim ARGS...: run the in-tree tool.
cachesim() { "$VG_IN_PLACE" --tool=cachesim "$@"; }

ALL_EVENTS="Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim"

# flatten PROFILE [EVENTS]: "file<TAB>fn<TAB>line<TAB>counts", sorted.
flatten() {
    awk -v events="${2:-$ALL_EVENTS}" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$1" | LC_ALL=C sort
}

# totals FLATFILE: the column sums of a flattened profile.
totals() {
    awk -F '\t' '{ n = split($4, c, " "); for (i = 1; i <= n; i++) t[i] += c[i] }
                 END { for (i = 1; i <= n; i++) printf "%s%d", (i > 1 ? " " : ""), t[i]; print "" }' "$1"
}

# run_pair NAME [OPTION...] -- COMMAND...: run COMMAND under Cachegrind
# (cache and branch simulation) and under cachesim with the same explicit
# geometry ($GEOM unless an option overrides it) and options (and
# $CS_EXTRA for cachesim alone).  Leaves
# $W/NAME.cg and $W/NAME.cs, and requires the same exit status and stdout.
run_pair() {
    name=$1; shift
    opts=
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts="$opts $1"; shift; done
    [ "${1:-}" = "--" ] && shift
    # shellcheck disable=SC2086
    "$VG_IN_PLACE" --tool=cachegrind --cache-sim=yes --branch-sim=yes $GEOM $opts \
        --cachegrind-out-file="$W/$name.cg" "$@" >"$W/$name.cg.stdout" 2>"$W/$name.cg.stderr"
    cg_status=$?
    # shellcheck disable=SC2086
    "$VG_IN_PLACE" --tool=cachesim $GEOM $opts ${CS_EXTRA:-} \
        --cachesim-out-file="$W/$name.cs" "$@" >"$W/$name.cs.stdout" 2>"$W/$name.cs.stderr"
    cs_status=$?
    [ -s "$W/$name.cg" ] || { cat "$W/$name.cg.stderr"; fail "$name: Cachegrind wrote no profile"; }
    [ -s "$W/$name.cs" ] || { cat "$W/$name.cs.stderr"; fail "$name: cachesim wrote no profile"; }
    [ "$cg_status" = "$cs_status" ] || fail "$name: exit status $cs_status under cachesim, $cg_status under Cachegrind"
    cmp -s "$W/$name.cg.stdout" "$W/$name.cs.stdout" || fail "$name: the program printed different output"
    flatten "$W/$name.cg" >"$W/$name.cg.flat"
    flatten "$W/$name.cs" >"$W/$name.cs.flat"
    note "$name totals  cachegrind: $(totals "$W/$name.cg.flat")"
    note "$name totals  cachesim:   $(totals "$W/$name.cs.flat")"
}

# expect_same_lines NAME: every (file, function, line) has the same 13 counts.
expect_same_lines() {
    if ! diff "$W/$1.cg.flat" "$W/$1.cs.flat" >"$W/$1.diff"; then
        echo "per-line differences (< cachegrind, > cachesim):"
        head -n 30 "$W/$1.diff"
        fail "$1: per-line counts differ from Cachegrind's ($(grep -c '^[<>]' "$W/$1.diff") lines)"
    fi
    [ -s "$W/$1.cs.flat" ] || fail "$1: empty profile"
    note "$1: $(wc -l <"$W/$1.cs.flat") lines with equal counts"
}

# expect_same_functions NAME: per-function sums equal (for a sanity view).
by_function() {
    awk -F '\t' '{ k = $1 "\t" $2; n = split($4, c, " "); for (i = 1; i <= n; i++) t[k, i] += c[i]; keys[k] = n }
                 END { for (k in keys) { s = k "\t"; for (i = 1; i <= keys[k]; i++) s = s (i > 1 ? " " : "") t[k, i]; print s } }' "$1" |
        LC_ALL=C sort
}
