#!/bin/sh
# Make the seed corpus of the fuzz targets: small real profiles of the test
# programs (cachesim's with call graph and exact stacks, several parts,
# --dump-instr, Ir only; Callgrind's; Cachegrind's), csann merge and diff
# outputs, the golden profiles of tests/golden/csann, and pairs of profiles
# joined by the separator line for the two-profile targets (harness.h).
#   tests/fuzz/make-corpus.sh BUILDDIR
# BUILDDIR is a built tree (its vg-in-place and csann are used).  Replaces
# the generated files of tests/fuzz/corpus/ (seed-*); regression inputs
# (crash-*, finding-*) stay.  The result is committed, so that the suite
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

cd / && rm -rf "$work"
ls -l "$corpus" | awk 'NR > 1 { n++; s += $5; if ($5 > max) max = $5 }
    END { printf "make-corpus.sh: %d files, %d bytes, the largest %d\n", n, s, max }'
