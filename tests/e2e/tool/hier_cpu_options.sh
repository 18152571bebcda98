# CPU models on the command line: --cpu (presets, description files, their
# errors with file and line), the per-cache options and the combinations
# that cannot be simulated; --cpu=cachegrind and no option are the same
# run, byte for byte; the general model's inline fast exits change no count.
. "$TOP_SRCDIR/tests/lib.sh"
build loops loops.c -- -O1
build chase chase.c -- -O2
expect_error() {  # expect_error 'text' ARGS...: non-zero exit, text on stderr, no profile
    text=$1; shift
    rm -f "$W/never.cs"
    if cachesim --cachesim-out-file="$W/never.cs" "$@" sh -c 'echo ran' >"$W/out" 2>"$W/err"; then
        fail "accepted: $*"
    fi
    grep -q -- "$text" "$W/err" || { cat "$W/err"; fail "no '$text' for: $*"; }
    grep -q ran "$W/out" && fail "the program ran despite: $*"
    [ -e "$W/never.cs" ] && fail "a profile was written despite: $*"
    return 0
}
# (the run's environment must not differ between two runs compared byte
# for byte: the stack's start depends on it)
same_run() {  # same_run NAME ARGS...: a profile without its pid line
    name=$1; shift
    env -i PATH="$PATH" VALGRIND_LIB="$TOP_BUILDDIR/vglib" /usr/bin/valgrind --tool=cachesim \
        --cachesim-out-file="$W/$name.cs" "$@" >"$W/$name.out" 2>"$W/$name.err" ||
        { cat "$W/$name.err"; fail "$name failed"; }
    grep -v '^pid:' "$W/$name.cs" >"$W/$name.nopid"
}

# --help names the option and the presets.
cachesim --help >"$W/help" 2>&1 || fail "--help failed"
for opt in --cpu --L2= --L2-policy --LL-policy --LL-inclusion "skylake icelake zen3"; do
    grep -q -- "$opt" "$W/help" || fail "--help does not mention $opt"
done

# No option and --cpu=cachegrind: the same profile, byte for byte, and the
# same instrumented code.
same_run default $GEOM "$W/loops"
same_run named --cpu=cachegrind $GEOM "$W/loops"
cmp -s "$W/default.nopid" "$W/named.nopid" || fail "--cpu=cachegrind differs from no option"
grep -q "cpu=" "$W/default.cs" && fail "Cachegrind's model has a cpu= fingerprint field"
grep -q "^event: CEst = Ir + 10 I1mr + 10 D1mr + 10 D1mw + 100 ILmr + 100 DLmr + 100 DLmw + 10 Bcm + 10 Bim" \
    "$W/default.cs" || fail "no Cachegrind-weighted CEst in the default profile"
grep -q "^events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim$" "$W/default.cs" ||
    fail "the default's events changed"
for run in default named; do
    env -i PATH="$PATH" VALGRIND_LIB="$TOP_BUILDDIR/vglib" /usr/bin/valgrind --tool=cachesim \
        $GEOM $( [ $run = named ] && echo --cpu=cachegrind ) --cachesim-out-file=/dev/null \
        --trace-flags=00100000 --trace-notbelow=0 "$W/loops" 2>&1 >/dev/null |
        grep -v '^==[0-9]*==' >"$W/$run.ir"
done
[ -s "$W/default.ir" ] || fail "no IR traced"
cmp -s "$W/default.ir" "$W/named.ir" || fail "--cpu=cachegrind changes the instrumented code"

# A description file of Cachegrind's model runs the default model too.
"$CSANN" cpu cachegrind >"$W/cg.cpu" || fail "csann cpu cachegrind failed"
same_run from_file --cpu="$W/cg.cpu" "$W/loops"
same_run from_geom --I1=65536,2,64 --D1=65536,2,64 --LL=262144,8,64 "$W/loops"
cmp -s "$W/from_file.nopid" "$W/from_geom.nopid" || fail "a Cachegrind description file is not the default model"

# Description files: every error names the file and line, and nothing runs.
printf 'cpu name=broken\nI1 size=32K assoc=8 line=64 latency=4\nI1 size=32K assoc=8 line=64 latency=4\n' >"$W/twice.cpu"
expect_error "$W/twice.cpu:3: I1 given twice (first on line 2)" --cpu="$W/twice.cpu"
printf 'cpu name=x\nD1 size=32K assoc=8 line=64 latency=4 polcy=lru\n' >"$W/field.cpu"
expect_error "$W/field.cpu:2: unknown field 'polcy' for D1" --cpu="$W/field.cpu"
printf 'I1 size=32K assoc=8 line=64 latency=4\nD1 size=32K assoc=8 line=64 latency=4\nLL size=1M assoc=16 line=64 latency=40 policy=qlru:H99\nmemory latency=200\n' >"$W/policy.cpu"
expect_error "$W/policy.cpu:3: LL: policy: bad QLRU variant" --cpu="$W/policy.cpu"
printf 'I1 size=32K assoc=8 line=64 latency=4\nD1 size=32K assoc=8 line=64 latency=4\nLL size=1M assoc=16 line=64 latency=40\n' >"$W/nomem.cpu"
expect_error "no memory latency" --cpu="$W/nomem.cpu"
printf 'I1 size=32K assoc=8 line=64 latency=4\nD1 size=32K assoc=8 line=64 latency=4\nLL size=1M assoc=16 line=64 latency=3\nmemory latency=200\n' >"$W/latency.cpu"
expect_error "latencies must grow outwards: LL's (3) is not above D1's (4)" --cpu="$W/latency.cpu"
expect_error "no preset 'nosuch' (the presets are cachegrind, skylake, icelake, zen3)" --cpu=nosuch
expect_error "$W: it is a directory" --cpu="$W"
expect_error "$W/none.cpu: no such file or directory" --cpu="$W/none.cpu"
expect_error "expected a preset name" --cpu=

# Per-cache options and what cannot be combined.
expect_error "Bad policy 'mru': expected lru, fifo, random" --LL-policy=mru
expect_error "only LL may be exclusive" --L2=262144,8,64 --L2-inclusion=exclusive
expect_error "there is no L2 to apply it to" $GEOM --L2-policy=lru
expect_error "D1: lru3plru4 needs exactly 12 ways" --cpu=icelake --D1=32768,8,64
expect_error "LL is inclusive but not larger than L2" --cpu=skylake --LL=262144,8,64
expect_error "tree-plru needs a power-of-two associativity" $GEOM --D1=49152,12,64 --D1-policy=tree-plru
expect_error "the line size differs from I1's" --cpu=zen3 --D1=32768,8,32

# The general model's inline tests (the L1 mirrors of model/policy.h, the
# skipped fetches and repeated data accesses) change no count: each preset,
# and the default model with an L2, give the same profiles when every
# access calls the model.
for cfg in "--cpu=skylake" "--cpu=icelake" "--cpu=zen3" "$GEOM --L2=262144,8,64" \
           "$GEOM --L2=262144,8,64 --LL-inclusion=inclusive --D1-policy=srrip"; do
    for prog in loops chase; do
        args=; [ $prog = chase ] && args="65536 200000"
        same_run fast $cfg "$W/$prog" $args
        same_run slow $cfg --inline-tests=no "$W/$prog" $args
        cmp -s "$W/fast.nopid" "$W/slow.nopid" || fail "$cfg: --inline-tests=no changes $prog's profile"
    done
done
note "--cpu and per-cache options as expected"
