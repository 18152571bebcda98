#!/bin/sh
# Build csann's libFuzzer targets with clang, AddressSanitizer and UBSan
# (every UBSan report fatal):
#   tests/fuzz/build.sh OUTDIR
# leaves OUTDIR/fuzz_TARGET for each target of TARGETS below.  Exits 77
# (with a note) when clang or its libFuzzer runtime is missing, 1 when the
# build fails.  CLANG overrides the compiler, JOBS the parallel compiles [2].
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:?usage: tests/fuzz/build.sh OUTDIR}
CLANG=${CLANG:-clang}
JOBS=${JOBS:-2}

# The targets, one fuzz_NAME.c each (docs/dev/fuzzing.md).
TARGETS="reader annotate tree flamegraph folded diff merge check export cpu_desc hwloc"
# Sources outside annotate/ that csann links: the tool's CPU descriptions
# and presets, plain C (annotate/Makefile.inc, csann_model_sources).
EXTRA_SOURCES="$top/vgtool/model/cpu_desc.c $top/vgtool/model/presets.c $top/vgtool/model/prefetch.c \
 $top/vgtool/model/policy.c $top/vgtool/model/policy_names.c $top/vgtool/model/geometry.c"

mkdir -p "$out/obj" || exit 1
probe=$out/probe.c
printf '%s\n' '#include <stdint.h>' '#include <stddef.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' >"$probe"
if ! "$CLANG" -fsanitize=fuzzer,address,undefined "$probe" -o "$out/probe" >"$out/probe.log" 2>&1; then
    echo "build.sh: SKIPPED: '$CLANG' cannot build a libFuzzer target (-fsanitize=fuzzer,address,undefined):"
    sed 's/^/    /' "$out/probe.log" | head -n 5
    echo "    (Debian: apt-get install clang libclang-rt-dev)"
    exit 77
fi

xml_cflags=$(pkg-config --cflags libxml-2.0 2>/dev/null || xml2-config --cflags 2>/dev/null)
xml_libs=$(pkg-config --libs libxml-2.0 2>/dev/null || xml2-config --libs 2>/dev/null || echo -lxml2)
zlib_cflags=$(pkg-config --cflags zlib 2>/dev/null)
zlib_libs=$(pkg-config --libs zlib 2>/dev/null || echo -lz)
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="-g -O1 -fno-omit-frame-pointer $sanitize -Wall -Wno-unused-parameter"
csann_flags="-std=c99 -D_POSIX_C_SOURCE=200809L -DCSANN_VERSION=\"fuzz\" $xml_cflags $zlib_cflags \
 -I$top/annotate -I$top/annotate/lib -I$top/vgtool"
harness_flags="-I$here -I$top/annotate -I$top/annotate/lib -I$top/vgtool $xml_cflags -DFUZZ_TOP_SRCDIR=\"$top\""

# csann's library and subcommands (not its main), instrumented for the
# fuzzer; compiled again when missing or older than their .c, all of them
# when a header or this script changed since the last build.
stamp=$out/obj/.stamp
if [ ! -f "$stamp" ] || [ -n "$(find "$top/annotate" "$top/vgtool/model" "$0" -newer "$stamp" -name '*.h' 2>/dev/null)" ] ||
        [ "$0" -nt "$stamp" ]; then
    rm -f "$out"/obj/*.o
fi
objs=
jobs=0
for src in "$top"/annotate/cmd/*.c "$top"/annotate/lib/*.c $EXTRA_SOURCES; do
    obj=$out/obj/$(echo "${src#"$top"/}" | tr / _ | sed 's/\.c$/.o/')
    objs="$objs $obj"
    if [ ! "$obj" -nt "$src" ]; then
        rm -f "$obj"
        # shellcheck disable=SC2086
        "$CLANG" $cflags -fsanitize=fuzzer-no-link $csann_flags -c "$src" -o "$obj" &
        jobs=$((jobs + 1))
        if [ "$jobs" -ge "$JOBS" ]; then wait; jobs=0; fi
    fi
done
wait
for obj in $objs; do
    [ -f "$obj" ] || { echo "build.sh: compiling $obj failed" >&2; exit 1; }
done
touch "$stamp"

for t in $TARGETS; do
    # shellcheck disable=SC2086
    "$CLANG" $cflags -fsanitize=fuzzer $harness_flags \
        "$here/harness.c" "$here/fuzz_$t.c" $objs $xml_libs $zlib_libs -lm -o "$out/fuzz_$t" ||
        { echo "build.sh: linking fuzz_$t failed" >&2; exit 1; }
done
echo "build.sh: built$(for t in $TARGETS; do printf ' fuzz_%s' "$t"; done) in $out"
