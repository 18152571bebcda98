#!/bin/sh
# Make the seed corpus of the fuzz targets: small real profiles of the test
# programs (cachesim's with call graph and exact stacks, several parts,
# --dump-instr, Ir only; Callgrind's; Cachegrind's), csann merge and diff
# outputs, the golden profiles of tests/golden/csann, pairs of profiles
# joined by the separator line for the two-profile targets (harness.h),
# and a few edge cases written here (extreme counts, odd names, positions).
# Then the seeds of the targets of other formats: corpus-cpu_desc (every
# preset as `csann cpu NAME` prints it, and small descriptions written
# here) and corpus-hwloc (the golden hwloc topologies of tests/golden/csann
# and small ones written here).
#   tests/fuzz/make-corpus.sh BUILDDIR [cpu]
# BUILDDIR is a built tree (its vg-in-place and csann are used); with
# "cpu", only the CPU-description seeds are made.  Replaces the generated
# files (seed-*); regression inputs (crash-*, finding-*) stay.  The result is committed, so that the suite
# replays the same inputs everywhere; run this again when the profile
# format changes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: tests/fuzz/make-corpus.sh BUILDDIR}" && pwd)
corpus=$here/corpus
progs=$top/tests/programs
golden=$top/tests/golden/csann
vg=$build/vg-in-place
csann=$build/csann
geom="--I1=32768,8,64 --D1=32768,8,64 --LL=1048576,16,64"
sep='# csann-fuzz: second profile'

# A fixed directory, so that the names in the profiles (the program, its
# object file) are the same each time; sources are compiled there with
# their directory mapped to ".", so profiles name them relative.
work=${TMPDIR:-/tmp}/csann-fuzz-corpus
rm -rf "$work" && mkdir -p "$work" && cd "$work"

# CPU descriptions: the presets, and what they leave out (L2, continued
# lines, quoted values, every policy family, exclusive LL).
cpus=$here/corpus-cpu_desc
mkdir -p "$cpus" && rm -f "$cpus"/seed-*
"$csann" cpu | sed -n 's/^  \([a-z0-9_.-]*\)  .*/\1/p' >presets
[ -s presets ] || { echo "make-corpus.sh: csann cpu lists no presets" >&2; exit 1; }
while read -r name; do
    "$csann" cpu "$name" >"$cpus/seed-preset-$name"
done <presets
printf '%s\n' '# two levels, quirks' 'cpu name=small writeback=no cachegrind-quirks=yes seed=7' \
    'I1 size=1K assoc=2 line=32 latency=1' 'D1 size=1K assoc=1 line=32 latency=1' \
    'LL size=4K assoc=4 line=32 latency=5 inclusion=inclusive' 'memory latency=50' \
    >"$cpus/seed-small"
printf '%s\n' 'cpu name=x.y_z-1 title="a # title" branch-penalty=20' \
    'I1 size=32K assoc=8 line=64 policy=random latency=4 # comment' \
    'D1 size=48K assoc=12 line=64 policy=brrip latency=5' \
    'L2 size=1M assoc=16 line=64 policy=qlru:H11_M1_R0_U0 latency=14' \
    '   inclusion=non-inclusive' 'LL size=12M assoc=12 line=64 policy=fifo latency=40' \
    '	inclusion=exclusive' 'memory latency=300' >"$cpus/seed-four-levels"

# hwloc topologies: the golden ones (hwloc 2 from a VM, hwloc 1 by hand),
# and small hwloc 2 ones: L1 and L2 only, no Inclusive info; a fully
# associative L1 and an LL whose set count is no power of two, under a
# fourth level; not a topology.
hw=$here/corpus-hwloc
mkdir -p "$hw" && rm -f "$hw"/seed-*
for f in "$golden"/hwloc/*.xml; do cat "$f" >"$hw/seed-golden-${f##*/}"; done
cache() {  # cache TYPE DEPTH KIND SIZE LINE ASSOC [INCLUSIVE]
    printf '<object type="%s" depth="%s" cache_type="%s" cache_size="%s" cache_linesize="%s" cache_associativity="%s">' \
        "$1" "$2" "$3" "$4" "$5" "$6"
    [ -z "${7:-}" ] || printf '<info name="Inclusive" value="%s"/>' "$7"
}
{
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<topology version="2.0">\n'
    printf '<object type="Machine"><info name="CPUModel" value="Two &quot;levels&quot;"/>\n'
    cache L2Cache 2 0 524288 64 8; cache L1Cache 1 1 32768 64 8; printf '</object>'
    cache L1iCache 1 2 32768 64 8; printf '</object></object>\n</object></topology>\n'
} >"$hw/seed-two-levels"
{
    printf '<?xml version="1.0"?>\n<topology version="2.0"><object type="Machine">\n'
    cache L4Cache 4 0 134217728 64 16 0; cache L3Cache 3 0 25165824 64 12 1
    cache L2Cache 2 0 2097152 64 16 0; cache L1Cache 1 1 49152 64 12
    printf '</object>'; cache L1iCache 1 2 4096 64 -1
    printf '</object></object></object></object>\n</object></topology>\n'
} >"$hw/seed-four-levels"
printf '%s\n' '<?xml version="1.0"?>' '<!-- not a topology -->' \
    '<svg><object type="L1Cache" depth="1" cache_size="1024"/></svg>' >"$hw/seed-not-topology"
if [ "${2:-}" = cpu ]; then
    cd / && rm -rf "$work"
    exit 0
fi

build_prog() {  # build_prog OUT SOURCE [CFLAGS...]
    out=$1 src=$2; shift 2
    cp "$progs/$src" .
    # shellcheck disable=SC2068
    ${CC:-gcc} -g -fdebug-prefix-map="$work=." -I"$top/include" "$@" -o "$out" "$src"
}
cachesim() { "$vg" --tool=cachesim $geom "$@" >/dev/null 2>"$work/last.log" || { cat "$work/last.log"; exit 1; }; }
keep() { cat "$1" >"$corpus/seed-$2"; }   # keep FILE NAME (0644, not 0600)
pair() {  # pair OUT OLD NEW: one input holding both profiles
    { cat "$2"; printf '\n%s\n' "$sep"; cat "$3"; } >"$1"
}

build_prog calltree calltree.c -O1
build_prog loops_O0 loops.c -O0
build_prog loops_O2 loops.c -O2
build_prog regions regions.c -O1
build_prog loops_static loops.c -O2 -static

rm -f "$corpus"/seed-*
mkdir -p "$corpus"
# cachesim: call graph with exact stacks (the default), for a few functions.
tc="--toggle-collect=fact --toggle-collect=middle --toggle-collect=is_even"
# shellcheck disable=SC2086
cachesim $tc --cachesim-out-file=cs-callgraph ./calltree
keep cs-callgraph cachesim-callgraph
# shellcheck disable=SC2086
cachesim $tc --cachesim-out-file=cs-callgraph2 ./calltree
# --dump-instr: positions instr line.
cachesim --dump-instr=yes --toggle-collect=middle --cachesim-out-file=cs-instr ./calltree
keep cs-instr cachesim-dump-instr
# Ir only, no call graph: one event.
cachesim --cache-sim=no --branch-sim=no --toggle-collect=collatz_steps \
    --cachesim-out-file=cs-ir-O0 ./loops_O0 200
cachesim --cache-sim=no --branch-sim=no --toggle-collect=collatz_steps \
    --cachesim-out-file=cs-ir-O2 ./loops_O2 200
keep cs-ir-O0 cachesim-ir-only
# Several parts (CACHESIM_DUMP_STATS_AT "work" and "second", then the end).
cachesim --toggle-collect=work --cachesim-out-file=cs-parts ./regions dump
keep cs-parts cachesim-parts
# All events of two builds, for diff.
cachesim --toggle-collect=collatz_steps --cachesim-out-file=cs-loops-O0 ./loops_O0 200
cachesim --toggle-collect=collatz_steps --cachesim-out-file=cs-loops-O2 ./loops_O2 200

# Callgrind's: compressed names, jumps, instruction addresses, inlined files.
"$vg" --tool=callgrind $geom --cache-sim=yes --branch-sim=yes --dump-instr=yes \
    --collect-jumps=yes --toggle-collect=middle --toggle-collect=fact \
    --callgrind-out-file=callgrind ./calltree >/dev/null 2>&1
keep callgrind callgrind-jumps
"$vg" --tool=callgrind --toggle-collect=collatz_steps \
    --callgrind-out-file=callgrind-loops ./loops_O0 200 >/dev/null 2>&1
keep callgrind-loops callgrind-ir
# Cachegrind's, of every function: a static build has no dynamic loader's.
"$vg" --tool=cachegrind $geom --cache-sim=yes --branch-sim=yes \
    --cachegrind-out-file=cachegrind ./loops_static 10 >/dev/null 2>&1
keep cachegrind cachegrind

# csann's own outputs: merge and diff -o.
"$csann" merge -o merged cs-callgraph cs-callgraph2 2>/dev/null
keep merged csann-merge
"$csann" diff -o diffed cs-loops-O0 cs-loops-O2 >/dev/null 2>&1
keep diffed csann-diff

# Pairs for diff, merge, check --baseline and flamegraph --diff.
pair "$corpus/seed-pair-builds" cs-loops-O0 cs-loops-O2
pair "$corpus/seed-pair-callgraph" cs-callgraph cs-callgraph2
pair "$corpus/seed-pair-ir" cs-ir-O0 cs-ir-O2
pair "$corpus/seed-pair-golden-diff" "$golden/diff_old.callgrind" "$golden/diff_new.callgrind"
pair "$corpus/seed-pair-golden-check" "$golden/check_base.callgrind" "$golden/check_new.callgrind"

# The golden profiles written by hand or kept from older writers.
for f in hand.callgrind hand2.callgrind stacks.callgrind cachesim.out cachegrind.out; do
    keep "$golden/$f" golden-$f
done

# Edge cases no program makes: counts at the limits of 64 bits, of both
# signs (a diff -o profile has negative ones), whose sums wrap.
max=9223372036854775807
extreme() {  # extreme SIGN: main and f with opposite extreme counts, calls, stacks
    a=$1$max b=$([ "$1" = - ] || echo -)$max
    printf '%s\n' '# callgrind format' 'events: Ir Dr' 'summary: 0 0' 'fl=a.c' 'fn=main' \
        "1 $a $b" 'cfn=f' "calls=$max 2" "1 $b $a" 'fn=f' "2 $b $a" \
        "# stack: $a $b main" "# stack: $b $a main;f" 'totals: 0 0'
}
extreme - >old-extreme
extreme '' >new-extreme
pair "$corpus/seed-edge-extreme-pair" old-extreme new-extreme
printf '%s\n' 'events: Ir' 'fl=a.c' 'fn=f' "1 $max" "2 $max" 'summary: -2' \
    >"$corpus/seed-edge-wrapping-sum"
# Names that need care in SVG, JUnit and folded stacks: XML specials, a
# control byte, bytes that are not UTF-8, spaces, a ';' (a frame separator).
printf '%b\n' '# callgrind format' 'events: Ir Dr' 'fl=<a&"b">.c' 'fn=ma\001in' '1 5 1' \
    'cfl=d\377ir/x y.c' 'cfn=f;g <h>' 'calls=2 3' '1 7 2' 'fn=f;g <h>' '3 7 2' \
    '# stack: 5 1 ma\001in' '# stack: 7 2 ma\001in;f;g <h>' 'totals: 12 3' \
    >"$corpus/seed-edge-names"
# Positions at the edges: the largest line, hex, relative steps, '*'.
printf '%s\n' 'positions: instr line' 'events: Ir' 'fl=a.c' 'fn=f' \
    "0xffffffffffffffff 18446744073709551615 1" '-0xf -1 1' '* * 1' '+15 +1 1' \
    '0 0 1' 'jump=3 0x10 5' '0x10 5' 'jcnd=1/2 +1 +1' '+1 +1 1' 'totals: 5' \
    >"$corpus/seed-edge-positions"

cd / && rm -rf "$work"
ls -l "$corpus" | awk 'NR > 1 { n++; s += $5; if ($5 > max) max = $5 }
    END { printf "make-corpus.sh: %d files, %d bytes, the largest %d\n", n, s, max }'
