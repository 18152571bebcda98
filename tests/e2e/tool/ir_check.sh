# VEX's checks of each superblock's IR, skipped unless --check-ir=yes
# (instrument/vex_passes.c): in every instrumentation mode, the IR the tool
# makes passes them, and checking changes no count.
. "$TOP_SRCDIR/tests/lib.sh"
build loops loops.c -- -O1
build calltree calltree.c -- -O1
progs="loops calltree"
if grep -q avx /proc/cpuinfo; then
    build asm_cases asm_cases.c -- -O1 -mavx
    progs="$progs asm_cases"
fi

same_run() {  # same_run NAME ARGS...: a profile without its pid and cmd lines
    name=$1; shift
    env -i PATH="$PATH" VALGRIND_LIB="$TOP_BUILDDIR/vglib" /usr/bin/valgrind --tool=cachesim \
        --cachesim-out-file="$W/$name.cs" "$@" >"$W/$name.out" 2>"$W/$name.err" ||
        { tail -20 "$W/$name.err"; fail "$name failed: $*"; }
    grep -v '^pid:\|^cmd:' "$W/$name.cs" >"$W/$name.nopid"
}

n=0
for cfg in "$GEOM" "$GEOM --call-graph=no" "$GEOM --cache-sim=no" "$GEOM --branch-sim=no" \
           "$GEOM --dump-instr=yes" "--cpu=skylake --classify-misses=yes --deterministic=yes" \
           "$GEOM --L2=262144,4,64 --D1-prefetcher=ipstride+nextline --L2-prefetcher=stream --deterministic=yes"; do
    for prog in $progs; do
        # shellcheck disable=SC2086
        same_run plain $cfg "$W/$prog"
        # shellcheck disable=SC2086
        same_run checked --check-ir=yes $cfg "$W/$prog"
        cmp -s "$W/plain.nopid" "$W/checked.nopid" ||
            { diff "$W/plain.nopid" "$W/checked.nopid" | head; fail "$cfg: --check-ir=yes changes $prog's profile"; }
        n=$((n + 1))
    done
done
note "$n runs with VEX's IR checks passed"
