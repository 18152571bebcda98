# The ring step of issue 26 (the shape of lmbench's lat_mem_rd): a backward
# ring of 64-byte nodes, a warm-up pass, counters zeroed, ten passes, under
# --D1=4096,2,64 --L2=32768,4,64 --LL=262144,8,64, LRU everywhere.  Misses
# per load are the RING LOAD line's counts: L2 about 0 at 24 KB and exactly
# 1 at 40 KB; LL about 0 at 192 KB and exactly 1 at 288 KB when LL is
# inclusive or not, under 0.01 when it is exclusive (L2's 512 lines and
# LL's 4,096 hold the ring's 4,608).
. "$TOP_SRCDIR/tests/lib.sh"
build ring ring.c -- -O2 -I"$TOP_SRCDIR/include"
G="--I1=32768,8,64 --D1=4096,2,64 --L2=32768,4,64 --LL=262144,8,64"
load_line=$(grep -n "/\* RING LOAD \*/" "$PROGS/ring.c" | cut -d: -f1)

# ratio RUN SIZE: "loads D1 L2 LL" (misses per load) of the RING LOAD line.
ratios() {
    awk -v events="Dr D1mr D2mr DLmr" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$1" |
        awk -F '\t' -v line="$load_line" '$2 == "walk" && $3 == line {
            split($4, c, " "); printf "%d %.6f %.6f %.6f\n", c[1], c[2] / c[1], c[3] / c[1], c[4] / c[1] }'
}

printf '%-15s %8s %7s %9s %9s %9s\n' "LL inclusion" "ring" "loads" "D1m/load" "L2m/load" "LLm/load"
for inc in non-inclusive inclusive exclusive; do
    for kb in 24 40 192 288; do
        out="$W/ring.$inc.$kb"
        cachesim $G --LL-inclusion=$inc --cachesim-out-file="$out" "$W/ring" $((kb * 1024)) 10 \
            >/dev/null 2>"$out.err" || { cat "$out.err"; fail "ring $kb KB ($inc) failed"; }
        set -- $(ratios "$out")
        [ $# -eq 4 ] || fail "no RING LOAD line in the $kb KB profile ($inc)"
        printf '%-15s %5d KB %7d %9.4f %9.4f %9.4f\n' $inc $kb "$1" "$2" "$3" "$4"
        [ "$1" -eq $((kb * 1024 / 64 * 10)) ] || fail "$kb KB ($inc): $1 loads, expected $((kb * 1024 / 64 * 10))"
        ok=$(awk -v kb=$kb -v inc=$inc -v l2="$3" -v ll="$4" 'BEGIN {
            if (kb == 24) print (l2 < 0.001 && ll < 0.001)
            else if (kb == 40) print (l2 == 1 && ll < 0.001)
            else if (kb == 192) print (l2 == 1 && ll < 0.001)
            else if (inc == "exclusive") print (l2 == 1 && ll < 0.01)
            else print (l2 == 1 && ll == 1) }')
        [ "$ok" = 1 ] || fail "ring $kb KB, $inc LL: L2 $3 and LL $4 misses per load"
    done
done
# --L2 is an L2 of its own (not Cachegrind's alias of --LL): L2's events.
grep -q '^events: Ir I1mr I2mr ILmr Dr D1mr D2mr DLmr Dw D1mw D2mw DLmw' "$W/ring.exclusive.288" ||
    fail "no L2 events in the profile"
note "ring step as the issue states it"
