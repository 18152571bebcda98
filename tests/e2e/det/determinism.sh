# Determinism: five runs of one single-threaded program give identical
# totals of every event; a measured region's Ir does not depend on the
# size of the environment, while the whole run's does.
. "$TOP_SRCDIR/tests/lib.sh"
build regions regions.c -- -O1 -I"$TOP_SRCDIR/include"
R="$W/regions"
i=0
while [ $i -lt 5 ]; do
    cachesim $GEOM --cachesim-out-file="$W/run$i.cs" "$R" dump >/dev/null 2>&1 || fail "run $i failed"
    grep '^summary:' "$W/run$i.cs" >"$W/run$i.sum"
    [ $i -eq 0 ] || cmp -s "$W/run0.sum" "$W/run$i.sum" || fail "run $i's totals differ from run 0's"
    i=$((i + 1))
done
note "5 runs, identical totals: $(tail -n 1 "$W/run0.sum")"

# Environment size: whole-run Ir changes, the region's does not.
small="env -i PATH=/usr/bin:/bin A=1"
big="env -i PATH=/usr/bin:/bin A=1 PADDING=$(printf '%04000d' 0) MORE=$(printf '%0900d' 0)"
region_ir() { sed -n '/^desc: Trigger: Client Request: work$/,/^totals:/p' "$1" | sed -n 's/^summary: \([0-9]*\).*/\1/p'; }
whole_ir() { awk '/^summary:/ { s += $2 } END { print s }' "$1"; }
$small "$VG_IN_PLACE" --tool=cachesim $GEOM --cachesim-out-file="$W/small.cs" "$R" dump >/dev/null 2>&1 || fail "small-env run failed"
$big "$VG_IN_PLACE" --tool=cachesim $GEOM --cachesim-out-file="$W/big.cs" "$R" dump >/dev/null 2>&1 || fail "big-env run failed"
a=$(grep -o 'env-bytes=[0-9]*' "$W/small.cs" | head -n 1); b=$(grep -o 'env-bytes=[0-9]*' "$W/big.cs" | head -n 1)
[ "$a" != "$b" ] || fail "the fingerprint does not show the environment size ($a)"
[ "$(region_ir "$W/small.cs")" = "$(region_ir "$W/big.cs")" ] ||
    fail "region Ir depends on the environment: $(region_ir "$W/small.cs") vs $(region_ir "$W/big.cs")"
note "region Ir $(region_ir "$W/small.cs") with $a and with $b"
# Without a region, start-up code that reads the environment is counted.
$small "$VG_IN_PLACE" --tool=cachesim $GEOM --cachesim-out-file="$W/sp.cs" "$R" plain >/dev/null 2>&1 || fail "run failed"
$big "$VG_IN_PLACE" --tool=cachesim $GEOM --cachesim-out-file="$W/bp.cs" "$R" plain >/dev/null 2>&1 || fail "run failed"
[ "$(whole_ir "$W/sp.cs")" != "$(whole_ir "$W/bp.cs")" ] ||
    fail "whole-run Ir did not change with the environment: the test shows nothing"
note "whole run without a region: Ir $(whole_ir "$W/sp.cs") vs $(whole_ir "$W/bp.cs")"
# The same with instrumentation started only around the region.
$small "$VG_IN_PLACE" --tool=cachesim $GEOM --instr-atstart=no --cachesim-out-file="$W/si.cs" "$R" instr >/dev/null 2>&1 || fail "run failed"
$big "$VG_IN_PLACE" --tool=cachesim $GEOM --instr-atstart=no --cachesim-out-file="$W/bi.cs" "$R" instr >/dev/null 2>&1 || fail "run failed"
[ "$(whole_ir "$W/si.cs")" = "$(whole_ir "$W/bi.cs")" ] ||
    fail "--instr-atstart=no run Ir depends on the environment: $(whole_ir "$W/si.cs") vs $(whole_ir "$W/bi.cs")"
