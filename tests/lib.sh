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
