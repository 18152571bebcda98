#!/bin/sh
# csann_ubsan: csann built with -fsanitize=undefined (every report fatal)
# runs the --tree and --inclusive paths, where functions with no callers
# or no callees once passed a NULL array to qsort, and the flame graph,
# on the golden profiles: no report, same output as the normal build.
# (tests/fuzz replays a whole corpus under ASan and UBSan with clang; this
# is the quick check with the compiler the build uses.)
. "$TOP_SRCDIR/tests/lib.sh"
G=$TOP_SRCDIR/tests/golden/csann
S=$TOP_SRCDIR/annotate
CC=${CC:-gcc}
xml=$(pkg-config --cflags --libs libxml-2.0 2>/dev/null) || { note "SKIPPED: no libxml-2.0 pkg-config"; exit 0; }
zlib=$(pkg-config --cflags --libs zlib 2>/dev/null || echo -lz)
echo 'int main(void) { return 0; }' >"$W/probe.c"
if ! $CC -fsanitize=undefined "$W/probe.c" -o "$W/probe" 2>/dev/null; then
    note "SKIPPED: $CC has no -fsanitize=undefined here"
    exit 0
fi
# shellcheck disable=SC2086
$CC -std=c99 -D_POSIX_C_SOURCE=200809L -DCSANN_VERSION='"ubsan"' $CSANN_INCLUDES -O1 -g \
    -fsanitize=undefined -fno-sanitize-recover=undefined \
    $CSANN_SOURCES -o "$W/csann-ubsan" $xml $zlib -lm ||
    fail "could not build csann with -fsanitize=undefined"

n=0
for p in stacks.callgrind hand.callgrind callgrind.out cachesim.out; do
    for args in "--tree=both" "--tree=caller" "--tree=calling" "--inclusive=yes --tree=both" \
                "flamegraph" "flamegraph --folded"; do
        # shellcheck disable=SC2086
        UBSAN_OPTIONS=print_stacktrace=1 "$W/csann-ubsan" $args "$G/$p" >"$W/ubsan.out" 2>"$W/ubsan.err"
        st=$?
        grep -q 'runtime error' "$W/ubsan.err" && { cat "$W/ubsan.err"; fail "UBSan: csann $args $p"; }
        # shellcheck disable=SC2086
        "$CSANN" $args "$G/$p" >"$W/plain.out" 2>/dev/null
        [ $? = "$st" ] || fail "csann $args $p: exit $st under UBSan, not as the normal build"
        cmp -s "$W/ubsan.out" "$W/plain.out" || fail "csann $args $p: output differs under UBSan"
        n=$((n + 1))
    done
done
note "$n runs under -fsanitize=undefined: no report"
