# --classify-misses=yes (issue 27): exact counts on crafted patterns
# (tests/programs/prefetch_patterns.c, untouched memory, counters zeroed
# after set-up); each level's three classes sum to its demand misses.
#   - one pass over N distinct lines: N compulsory, 0 capacity, 0 conflict;
#   - a fully associative D1 of C = 64 lines fed a cycle of C + 1 lines R
#     = 10 times: C + 1 compulsory, (R - 1)(C + 1) capacity, 0 conflict;
#   - a direct-mapped D1 alternating between two lines one cache size
#     apart, R = 100 times each: 2 compulsory, 0 capacity, 2R - 2 conflict.
# And: classification changes none of Cachegrind's 13 counts.
. "$TOP_SRCDIR/tests/lib.sh"
build pp prefetch_patterns.c -- -O1 -I"$TOP_SRCDIR/include"
line_of() { grep -n "/\* $1 \*/" "$PROGS/prefetch_patterns.c" | cut -d: -f1; }
counts() {  # counts NAME FN LINE EVENTS
    awk -v events="$4" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/$1" |
        awk -F '\t' -v fn="$2" -v line="$3" '$2 == fn && $3 == line { print $4 }'
}
run() {  # run NAME ARGS...
    name=$1; shift
    cachesim --cachesim-out-file="$W/$name" "$@" >/dev/null 2>"$W/$name.err" ||
        { cat "$W/$name.err"; fail "$name failed"; }
}
LINES=$(line_of "LINES LOAD")
PING=$(line_of "PING LOAD")
PONG=$(line_of "PONG LOAD")
EV="D1mr D1cmp D1cap D1cnf"
check() {  # check WHAT "D1mr cmp cap cnf" COUNTS...
    what=$1 want=$2; shift 2
    note "$what: D1mr D1cmp D1cap D1cnf = $*"
    [ "$*" = "$want" ] || fail "$what: $*, expected $want"
}

run first --classify-misses=yes --I1=32768,8,64 --D1=32768,8,64 --LL=8388608,16,64 "$W/pp" first 65536
check "one pass, 65536 lines" "65536 65536 0 0" $(counts first lines "$LINES" "$EV")
check "  (LL)" "65536 65536 0 0" $(counts first lines "$LINES" "DLmr LLcmp LLcap LLcnf")
grep -q '^events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim I1cmp I1cap I1cnf D1cmp D1cap D1cnf LLcmp LLcap LLcnf$' \
    "$W/first" || { grep '^events:' "$W/first"; fail "events: line"; }

run cycle --classify-misses=yes --I1=32768,8,64 --D1=4096,64,64 --LL=8388608,16,64 "$W/pp" cycle 65 10
check "fully associative, 64 lines, cycle of 65 x 10" "650 65 585 0" $(counts cycle lines "$LINES" "$EV")

run ping --classify-misses=yes --I1=32768,8,64 --D1=4096,1,64 --LL=8388608,16,64 "$W/pp" pingpong 4096 100
set -- $(counts ping pingpong "$PING" "$EV") $(counts ping pingpong "$PONG" "$EV")
check "direct-mapped, two lines 4 KB apart x 100" "200 2 0 198" $(($1 + $5)) $(($2 + $6)) $(($3 + $7)) $(($4 + $8))

# Every line of every profile: each level's classes sum to its misses.
for p in first cycle ping; do
    awk -v events="I1mr I1cmp I1cap I1cnf D1mr D1mw D1cmp D1cap D1cnf ILmr DLmr DLmw LLcmp LLcap LLcnf" \
        -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/$p" |
        awk -F '\t' '{ split($4, c, " ")
            if (c[1] != c[2] + c[3] + c[4] || c[5] + c[6] != c[7] + c[8] + c[9] ||
                c[10] + c[11] + c[12] != c[13] + c[14] + c[15]) { print; bad = 1 } }
            END { exit bad }' || fail "$p: classes do not sum to misses on the lines above"
done

# Classification changes no count of Cachegrind's 13 events.
run plain --I1=32768,8,64 --D1=4096,1,64 --LL=8388608,16,64 "$W/pp" pingpong 4096 100
awk -v events="$ALL_EVENTS" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/plain" | sort >"$W/plain.flat"
awk -v events="$ALL_EVENTS" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/ping" | sort >"$W/ping.flat"
cmp -s "$W/plain.flat" "$W/ping.flat" || { diff "$W/plain.flat" "$W/ping.flat" | head; fail "--classify-misses=yes changed counts"; }

# A classifier sees every L1 lookup, hits included (its fully associative
# twin must move a line hit in a set to the front): the same classes as a
# run with the inline fast-exit tests turned off, on a real program.
build loops loops.c -- -O1
run loops.cl --deterministic=yes --classify-misses=yes --I1=4096,2,64 --D1=4096,2,64 --LL=65536,4,64 "$W/loops"
run loops.noinline --deterministic=yes --classify-misses=yes --inline-tests=no --I1=4096,2,64 --D1=4096,2,64 \
    --LL=65536,4,64 "$W/loops"
CL="I1mr I1cmp I1cap I1cnf D1mr D1mw D1cmp D1cap D1cnf LLcmp LLcap LLcnf"
awk -v events="$CL" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/loops.cl" | sort >"$W/a.flat"
awk -v events="$CL" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/loops.noinline" | sort >"$W/b.flat"
cmp -s "$W/a.flat" "$W/b.flat" || { diff "$W/a.flat" "$W/b.flat" | head; fail "classes differ from --inline-tests=no"; }

# With an L2 (a preset): L2's classes too.
run sky --cpu=skylake --classify-misses=yes "$W/pp" first 65536
grep -q '^events: .* L2cmp L2cap L2cnf LLcmp LLcap LLcnf$' "$W/sky" || fail "skylake: no L2 classes"
awk -v events="I2mr D2mr D2mw L2cmp L2cap L2cnf" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/sky" |
    awk -F '\t' '{ split($4, c, " "); if (c[1] + c[2] + c[3] != c[4] + c[5] + c[6]) { print; bad = 1 } }
        END { exit bad }' || fail "skylake: L2's classes do not sum to its misses"
note "classification: exact counts on the crafted patterns"
