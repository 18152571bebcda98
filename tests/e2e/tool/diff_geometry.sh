# Differential under unusual geometries: direct-mapped L1s with 32-byte
# lines and a 12-way LL whose size (3 MB) is not a power of two; 4- and
# 2-way LLs; fully associative L1s (one set); and with each simulation
# switched off.
. "$TOP_SRCDIR/tests/lib.sh"
build matmul matmul.c -- -O2
GEOM="--I1=8192,1,32 --D1=16384,1,64 --LL=3145728,12,64"
run_pair odd -- "$W/matmul" blocked 64
expect_same_lines odd
grep -q "^desc: LL cache: 3145728 B, 64 B, 12-way associative" "$W/odd.cs" || fail "LL description"
grep -q "^desc: I1 cache: 8192 B, 32 B, direct-mapped" "$W/odd.cs" || fail "I1 description"
# The LL's paths with 32-bit tags: 4 ways, the fewest that keep a copy of
# the MRU ways, and 2 ways, which keep none; with 16- and 4-way L1s.  The
# matrices (600 KB) do not fit either LL.
GEOM="--I1=65536,16,64 --D1=16384,4,64 --LL=524288,4,64"
run_pair ll4 -- "$W/matmul" naive 160
expect_same_lines ll4
GEOM="--I1=16384,4,64 --D1=65536,16,64 --LL=262144,2,64"
run_pair ll2 -- "$W/matmul" naive 160
expect_same_lines ll2
# Fully associative L1s: one set, with an associativity the helpers have
# built in (16) and one they have not (32, 64).  (Smaller ones make the
# counts depend on where the C library's start-up code finds its data,
# which differs from run to run.)
GEOM="--I1=1024,16,64 --D1=1024,16,64 --LL=262144,8,64"
run_pair oneset16 -- "$W/matmul" blocked 48
expect_same_lines oneset16
GEOM="--I1=4096,64,64 --D1=2048,32,64 --LL=262144,8,64"
run_pair oneset32 -- "$W/matmul" blocked 48
expect_same_lines oneset32
GEOM="--I1=32768,8,64 --D1=32768,8,64 --LL=1048576,16,64"
"$VG_IN_PLACE" --tool=cachegrind --cache-sim=no --branch-sim=no $GEOM --cachegrind-out-file="$W/ir.cg" "$W/matmul" naive 32 >/dev/null 2>&1
"$VG_IN_PLACE" --tool=cachesim --cache-sim=no --branch-sim=no $GEOM --cachesim-out-file="$W/ir.cs" "$W/matmul" naive 32 >/dev/null 2>&1
grep -q "^events: Ir$" "$W/ir.cs" || fail "with both simulations off only Ir is written"
flatten "$W/ir.cg" Ir >"$W/ir.cg.flat"; flatten "$W/ir.cs" Ir >"$W/ir.cs.flat"
diff "$W/ir.cg.flat" "$W/ir.cs.flat" >/dev/null || fail "Ir-only counts differ from Cachegrind's"
# Counting only keeps the call graph off (no helper calls) unless asked.
if grep -q "^calls=" "$W/ir.cs"; then fail "Ir-only wrote calls= lines without --call-graph=yes"; fi
"$VG_IN_PLACE" --tool=cachesim --cache-sim=no --branch-sim=no --call-graph=yes $GEOM --cachesim-out-file="$W/ircg.cs" "$W/matmul" naive 32 >/dev/null 2>&1
grep -q "^calls=" "$W/ircg.cs" || fail "Ir-only with --call-graph=yes wrote no calls= lines"
flatten "$W/ircg.cs" Ir >"$W/ircg.cs.flat"
diff "$W/ir.cg.flat" "$W/ircg.cs.flat" >/dev/null || fail "Ir-only counts with the call graph differ from Cachegrind's"
"$VG_IN_PLACE" --tool=cachegrind --cache-sim=no --branch-sim=yes $GEOM --cachegrind-out-file="$W/br.cg" "$W/matmul" naive 32 >/dev/null 2>&1
"$VG_IN_PLACE" --tool=cachesim --cache-sim=no $GEOM --cachesim-out-file="$W/br.cs" "$W/matmul" naive 32 >/dev/null 2>&1
grep -q "^events: Ir Bc Bcm Bi Bim$" "$W/br.cs" || fail "branch-only events line"
flatten "$W/br.cg" "Ir Bc Bcm Bi Bim" >"$W/br.cg.flat"; flatten "$W/br.cs" "Ir Bc Bcm Bi Bim" >"$W/br.cs.flat"
diff "$W/br.cg.flat" "$W/br.cs.flat" >/dev/null || fail "branch-only counts differ from Cachegrind's"
"$VG_IN_PLACE" --tool=cachegrind --cache-sim=yes --branch-sim=no $GEOM --cachegrind-out-file="$W/c.cg" "$W/matmul" naive 32 >/dev/null 2>&1
"$VG_IN_PLACE" --tool=cachesim --branch-sim=no $GEOM --cachesim-out-file="$W/c.cs" "$W/matmul" naive 32 >/dev/null 2>&1
CEV="Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw"
grep -q "^events: $CEV$" "$W/c.cs" || fail "cache-only events line"
flatten "$W/c.cg" "$CEV" >"$W/c.cg.flat"; flatten "$W/c.cs" "$CEV" >"$W/c.cs.flat"
diff "$W/c.cg.flat" "$W/c.cs.flat" >/dev/null || fail "cache-only counts differ from Cachegrind's"
# With nothing simulated no cache is allocated: a 1 GB direct-mapped LL has
# 64 MB of tags, which the core's arena would show as mapped.
core_mapped() {
    "$VG_IN_PLACE" --stats=yes --tool=cachesim "$@" --I1=32768,8,64 --D1=32768,8,64 \
        --LL=1073741824,1,64 --cachesim-out-file="$W/big.cs" "$W/matmul" naive 8 2>&1 >/dev/null |
        awk '$2 == "core" { gsub("[,/]", "", $4); print $4; exit }'
}
sim_mb=$(( $(core_mapped) / 1048576 ))
ir_mb=$(( $(core_mapped --cache-sim=no --branch-sim=no) / 1048576 ))
[ "$sim_mb" -ge 64 ] || fail "the check cannot see the LL's tags (core arena $sim_mb MB when simulating)"
[ "$ir_mb" -lt 32 ] || fail "counting only mapped $ir_mb MB in the core arena: cache tags allocated?"
