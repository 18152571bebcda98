# --deterministic=yes on a C program that spins on CLOCK_MONOTONIC and
# works on bytes from getrandom, /dev/urandom and AT_RANDOM: three runs
# give the same thirteen totals and output; without the option they differ.
. "$TOP_SRCDIR/tests/lib.sh"
. "$PROGS/det_lib.sh"
build det_random_clock det_random_clock.c -- -O1
det_runs c yes "$W/det_random_clock"
det_expect_same c yes
det_runs c no "$W/det_random_clock"
det_expect_differ c no
det_spread c no
det_spread c yes
# Another seed, another stream (and the fingerprint says which).
"$VG_IN_PLACE" --tool=cachesim $GEOM --deterministic=yes --seed=7 \
    --cachesim-out-file="$W/seed7.cs" "$W/det_random_clock" >"$W/seed7.stdout" 2>/dev/null || fail "--seed=7 run failed"
cmp -s "$W/seed7.stdout" "$W/c.yes.1.stdout" && fail "--seed=7 printed what --seed=0 printed"
grep -q 'deterministic=yes seed=7' "$W/seed7.cs" || fail "the fingerprint does not record --seed=7"
grep -q 'deterministic=yes seed=0' "$W/c.yes.1.cs" || fail "the fingerprint does not record the mode"
grep -q 'deterministic=no seed=0' "$W/c.no.1.cs" || fail "the fingerprint does not record the mode being off"
note "output: $(cat "$W/c.yes.1.stdout")"
