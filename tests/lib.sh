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

# csann's sources and include flags, for tests that build it their own way
# (sanitizers): its main, commands and library, and the tool's model files
# it shares (CPU descriptions and presets, as in annotate/Makefile.inc).
CSANN_SOURCES="$TOP_SRCDIR/annotate/csann.c $TOP_SRCDIR/annotate/cmd/*.c $TOP_SRCDIR/annotate/lib/*.c \
 $TOP_SRCDIR/vgtool/model/cpu_desc.c $TOP_SRCDIR/vgtool/model/presets.c $TOP_SRCDIR/vgtool/model/prefetch.c \
 $TOP_SRCDIR/vgtool/model/policy.c $TOP_SRCDIR/vgtool/model/policy_names.c $TOP_SRCDIR/vgtool/model/geometry.c"
CSANN_INCLUDES="-I$TOP_SRCDIR/annotate -I$TOP_SRCDIR/annotate/lib -I$TOP_SRCDIR/vgtool"

# cachesim ARGS...: run the in-tree tool.
cachesim() { "$VG_IN_PLACE" --tool=cachesim "$@"; }

ALL_EVENTS="Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim"

# flatten PROFILE [EVENTS]: "file<TAB>fn<TAB>line<TAB>counts", sorted.
flatten() {
    awk -v events="${2:-$ALL_EVENTS}" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$1" | LC_ALL=C sort
}

# flatten_as_annotate PROFILE [EVENTS]: the same, read by callgrind_annotate's
# rules (the fi= file stays in force across fn=; see flatten.awk).
flatten_as_annotate() {
    awk -v events="${2:-$ALL_EVENTS}" -v rule=callgrind_annotate \
        -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$1" | LC_ALL=C sort
}

# annotate_lines CG_FLAT PROFILE OUT: the real callgrind_annotate's per-line
# Ir for every source file of PROFILE, as sorted "file<TAB>line<TAB>Ir" in
# OUT.  Files that are not on this machine (glibc's, Rust's standard
# library) are stood in for by blank files of as many lines as CG_FLAT (a
# flattened Cachegrind profile of the same run) names, dated in the past so
# that callgrind_annotate does not call them newer than the profile.
annotate_lines() {
    stand_ins=$W/stand-ins
    rm -rf "$stand_ins" && mkdir -p "$stand_ins" || return 1
    awk -F '\t' '$1 != "???" && $3 + 0 > 0 { if ($3 + 0 > max[$1] + 0) max[$1] = $3 + 0 }
                 END { for (f in max) print max[f] " " f }' "$1" >"$stand_ins.list" || return 1
    while read -r n f; do
        [ -e "$f" ] && continue
        mkdir -p "$(dirname "$stand_ins/$f")" &&
            awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) print "" }' >"$stand_ins/$f" &&
            touch -t 200001010000 "$stand_ins/$f" || return 1
    done <"$stand_ins.list"
    # From /, so that callgrind_annotate leaves absolute names whole.
    (cd / && callgrind_annotate --auto=yes --show=Ir --show-percs=no --threshold=100 \
        --context=100000000 --include="$stand_ins" "$2") >"$3.txt" 2>"$3.err" || return 1
    awk -f "$TOP_SRCDIR/tests/tools/annotated_lines.awk" "$3.txt" | LC_ALL=C sort >"$3"
}

# by_file_line FLATFILE: "file<TAB>line<TAB>Ir" summed over functions, for
# the files with a name (not "???") and lines with a number (not 0).
by_file_line() {
    awk -F '\t' '$1 != "???" && $3 != 0 { split($4, c, " "); s[$1 "\t" $3] += c[1] }
                 END { for (k in s) if (s[k]) print k "\t" s[k] }' "$1" | LC_ALL=C sort
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
