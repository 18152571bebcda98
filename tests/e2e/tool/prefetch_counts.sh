# Hardware prefetchers (issue 27), exact counts on crafted patterns
# (tests/programs/prefetch_patterns.c, counters zeroed after set-up), I1
# and D1 32 KB 8-way, LL 8 MB 16-way:
#   - a sequential read of 2^20 lines: D1 read misses 2^20 without a
#     prefetcher, 2^19 with nextline (and adjacent), 2^14 with tagged
#     (one per 4 KB page: no prefetch crosses a page), 2^15 with stream;
#     ipstride as tagged; every prefetch is useful (D1pf = D1pfu =
#     2^20 - misses);
#   - a random pointer chase over 2^20 lines: the same misses with any
#     prefetcher, within 0.1%;
#   - one load walking 4096 pages with a 256-byte stride and one reading
#     sequentially in the same loop: with ipstride, the first misses once
#     a page after training (at most 4096 + 4), the second once a page of
#     its own (128), each tracked apart.
# And: --D1-prefetcher=none is Cachegrind's model exactly; the options'
# errors; a preset's prefetchers in the profile's events and description.
. "$TOP_SRCDIR/tests/lib.sh"
build pp prefetch_patterns.c -- -O1 -I"$TOP_SRCDIR/include"
# -O0 keeps the two loads of the ipstride loop on their own lines
build pp0 prefetch_patterns.c -- -O0 -I"$TOP_SRCDIR/include"
G="--I1=32768,8,64 --D1=32768,8,64 --LL=8388608,16,64"
line_of() { grep -n "/\* $1 \*/" "$PROGS/prefetch_patterns.c" | cut -d: -f1; }

# counts NAME FN LINE EVENTS...: the counts of that line of the profile
counts() {
    awk -v events="$4" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/$1" |
        awk -F '\t' -v fn="$2" -v line="$3" '$2 == fn && $3 == line { print $4 }'
}
run() {  # run NAME ARGS...
    name=$1; shift
    cachesim $G --cachesim-out-file="$W/$name" "$@" >/dev/null 2>"$W/$name.err" ||
        { cat "$W/$name.err"; fail "$name failed"; }
}

# Sequential read.
SEQ=$(line_of "SEQ LOAD")
N=1048576
printf '%-10s %9s %9s %9s %9s\n' prefetcher loads D1mr D1pf D1pfu
for row in "none $N" "nextline 524288" "tagged 16384" "adjacent 524288" "stream 32768" \
           "ipstride 16384"; do
    set -- $row
    run "seq.$1" --D1-prefetcher="$1" "$W/pp" seq $N
    set -- "$1" "$2" $(counts "seq.$1" seq "$SEQ" "Dr D1mr D1pf D1pfu")
    printf '%-10s %9s %9s %9s %9s\n' "$1" "$3" "$4" "$5" "$6"
    [ "$3" = $((N * 8)) ] || fail "seq, $1: $3 loads, expected $((N * 8))"
    [ "$4" = "$2" ] || fail "seq, $1: $4 D1 read misses, expected $2"
    [ "$5" = $((N - $2)) ] && [ "$6" = $((N - $2)) ] ||
        fail "seq, $1: D1pf $5, D1pfu $6, expected $((N - $2)) each"
done
# Without a prefetcher the run is Cachegrind's model: no prefetch events.
grep -q '^events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim$' "$W/seq.none" ||
    fail "--D1-prefetcher=none: events are not Cachegrind's"
run seq.default "$W/pp" seq $N
[ "$(counts seq.default seq "$SEQ" "$ALL_EVENTS")" = "$(counts seq.none seq "$SEQ" "$ALL_EVENTS")" ] ||
    fail "--D1-prefetcher=none counts differ from no option"

# Random pointer chase: prefetchers change nothing (within 0.1%).
CHASE=$(line_of "CHASE LOAD")
run chase.none "$W/pp" chase $N
base=$(counts chase.none chase "$CHASE" "D1mr")
[ "$base" -gt $((N - N / 100)) ] || fail "chase without a prefetcher: only $base misses"
for pf in nextline tagged adjacent stream ipstride tagged+adjacent+ipstride+stream; do
    run "chase.$pf" --D1-prefetcher="$pf" "$W/pp" chase $N
    m=$(counts "chase.$pf" chase "$CHASE" "D1mr")
    printf 'chase %-32s D1mr %s (none: %s)\n' "$pf" "$m" "$base"
    d=$((m > base ? m - base : base - m))
    [ $((d * 1000)) -le "$base" ] || fail "chase, $pf: $m misses, more than 0.1% from $base"
done

# IP-stride: two loads of one loop, tracked apart.
A=$(line_of "STRIDE A")
B=$(line_of "SEQ B")
for pf in none ipstride; do
    run "ip.$pf" --D1-prefetcher=$pf "$W/pp0" ipstride 4096
done
set -- $(counts ip.none two_walks "$A" "D1mr") $(counts ip.none two_walks "$B" "D1mr") \
    $(counts ip.ipstride two_walks "$A" "D1mr") $(counts ip.ipstride two_walks "$B" "D1mr")
note "ipstride loop, 4096 pages: without: A $1 B $2 misses; with: A $3 B $4"
[ "$1" = 65536 ] && [ "$2" = 8192 ] || fail "ipstride loop without a prefetcher: A $1 B $2"
[ "$3" -ge 4096 ] && [ "$3" -le 4100 ] || fail "ipstride: A missed $3 times, expected 4096 to 4100"
[ "$4" -ge 128 ] && [ "$4" -le 132 ] || fail "ipstride: B missed $4 times, expected 128 to 132"

# L2's prefetcher: its own events.
run seq.l2 --L2=262144,8,64 --L2-prefetcher=stream:streams=16,distance=20 "$W/pp" seq 65536
grep -q '^events: Ir I1mr I2mr ILmr Dr D1mr D2mr DLmr Dw D1mw D2mw DLmw Bc Bcm Bi Bim L2pf L2pfu$' \
    "$W/seq.l2" || { grep '^events:' "$W/seq.l2"; fail "no L2pf L2pfu events"; }
set -- $(counts seq.l2 seq "$SEQ" "D1mr D2mr L2pf L2pfu")
[ "$1" = 65536 ] && [ "$2" = 2048 ] && [ "$3" = $((65536 - 2048)) ] && [ "$4" = "$3" ] ||
    fail "L2 stream: D1mr $1 D2mr $2 L2pf $3 L2pfu $4"

# A preset's prefetchers: in its events and its one-line description.
run sky --cpu=skylake "$W/pp" seq 4096
grep -q '^events: .* D1pf D1pfu L2pf L2pfu$' "$W/sky" || fail "skylake: no prefetch events"
grep -q '^desc: CPU: .*prefetcher=nextline+ipstride' "$W/sky" || fail "skylake: no prefetcher in desc"
run sky.off --cpu=skylake --D1-prefetcher=none --L2-prefetcher=none "$W/pp" seq 4096
grep '^events:' "$W/sky.off" | grep -q pf && fail "prefetchers off: pf events"

# The inline fast-exit tests change no count with prefetchers on (ipstride
# needs every load; the repeated-access shortcuts must not skip one): a
# real program under a preset, and under small caches whose few sets let
# a prefetch evict the line just used.  --deterministic=yes: two runs of
# the same program without it can differ by a useful prefetch or so in the
# dynamic loader (seen with these small caches), which is not what is
# compared here.
build loops loops.c -- -O1
for args in "--deterministic=yes --cpu=skylake" \
            "--deterministic=yes --cpu=skylake --I1=1024,2,64 --D1=1024,2,64 --L2=2048,2,64 --LL=8192,2,64"; do
    # shellcheck disable=SC2086
    run loops.inline $args "$W/loops"
    # shellcheck disable=SC2086
    run loops.noinline $args --inline-tests=no "$W/loops"
    ev=$(sed -n 's/^events: //p' "$W/loops.inline")
    awk -v events="$ev" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/loops.inline" | sort >"$W/a.flat"
    awk -v events="$ev" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/loops.noinline" | sort >"$W/b.flat"
    cmp -s "$W/a.flat" "$W/b.flat" ||
        { diff "$W/a.flat" "$W/b.flat" | head; fail "$args: counts differ from --inline-tests=no"; }
done

# Two patterns where a shortcut of the inline tests would be wrong: a
# line written twice in a row, when D1's stream prefetches (4 at a time
# into a D1 of 2 sets) evict it in between; and write, read the line 4 KB
# on (same set of a direct-mapped D1, ipstride on: every load calls the
# model), write again.
for args in "--D1=256,2,64 --D1-prefetcher=stream:degree=4 $W/pp rewrite 4096" \
            "--D1=4096,1,64 --D1-prefetcher=ipstride $W/pp wlw 4096 4096"; do
    for inl in yes no; do
        # shellcheck disable=SC2086
        cachesim --deterministic=yes --I1=32768,8,64 --LL=8388608,16,64 --inline-tests=$inl \
            --cachesim-out-file="$W/short.$inl" $args >/dev/null 2>"$W/short.err" ||
            { cat "$W/short.err"; fail "$args failed"; }
    done
    [ "$(grep '^summary:' "$W/short.yes")" = "$(grep '^summary:' "$W/short.no")" ] ||
        { grep '^summary:' "$W/short.yes" "$W/short.no"; fail "$args: inline tests change the counts"; }
done

# Errors.
expect_bad() {  # expect_bad 'text' ARGS...
    text=$1; shift
    if cachesim --cachesim-out-file="$W/never" "$@" true >/dev/null 2>"$W/err"; then
        fail "accepted: $*"
    fi
    grep -q -- "$text" "$W/err" || { cat "$W/err"; fail "no '$text' for: $*"; }
}
expect_bad "unknown prefetcher 'nextlin'" --D1-prefetcher=nextlin
expect_bad "streams: expected a number from 1 to 64" --L2=262144,8,64 --L2-prefetcher=stream:streams=99
expect_bad "there is no L2" --L2-prefetcher=stream
# Without the simulated caches, nothing to prefetch into or classify.
expect_bad "it needs --cache-sim=yes" --cache-sim=no --D1-prefetcher=nextline
expect_bad "it needs --cache-sim=yes" --cache-sim=no --classify-misses=yes
note "prefetchers: exact counts on the crafted patterns"
