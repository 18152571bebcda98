# Write-back: dirty lines counted as they leave each level (D1wb, L2wb,
# LLwb) and charged to the access that pushed them out, on a crafted
# program (tests/programs/writeback.c) under a small description:
# D1 4 KB 2-way (64 lines), L2 32 KB 4-way (512), LL 256 KB 8-way (4,096),
# LRU, non-inclusive, writeback=yes.  W is the number of measured writes.
. "$TOP_SRCDIR/tests/lib.sh"
build writeback writeback.c -- -O2 -I"$TOP_SRCDIR/include"
cat >"$W/wb.cpu" <<'CPU'
# three small levels for exact writeback counts
cpu name=wb-test title="tests/e2e/tool/hier_writeback.sh" writeback=yes
I1 size=32K assoc=8 line=64 latency=4
D1 size=4K  assoc=2 line=64 latency=4
L2 size=32K assoc=4 line=64 latency=12
LL size=256K assoc=8 line=64 latency=40
memory latency=200
CPU
line_of() { grep -n "/\* $1 \*/" "$PROGS/writeback.c" | cut -d: -f1; }
WRITE=$(line_of "WRITE LINE")
READ=$(line_of "READ LINE")
EV="Dr Dw D1mr D1mw D2mw DLmw D1wb L2wb LLwb"

# counts NAME LINE: the named run's counts ($EV) on one line of run().
counts() {
    awk -v events="$EV" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/$1.cs" |
        awk -F '\t' -v line="$2" '$2 == "run" && $3 == line { print $4 }'
}
run() {
    name=$1; shift
    cachesim --cpu="$W/wb.cpu" --cachesim-out-file="$W/$name.cs" "$W/writeback" "$@" \
        >/dev/null 2>"$W/$name.err" || { cat "$W/$name.err"; fail "$name failed"; }
    # the inline fast exits change no count: the same profile with every
    # access through the model
    cachesim --cpu="$W/wb.cpu" --inline-tests=no --cachesim-out-file="$W/$name.noinline.cs" \
        "$W/writeback" "$@" >/dev/null 2>&1 || fail "$name --inline-tests=no failed"
    grep -v '^pid:' "$W/$name.cs" >"$W/$name.a"
    grep -v '^pid:' "$W/$name.noinline.cs" >"$W/$name.b"
    cmp -s "$W/$name.a" "$W/$name.b" || fail "$name: --inline-tests=no changes the profile"
    note "$name: $(counts "$name" "$WRITE")$(counts "$name" "$READ")  ($EV)"
}

# A: 128 dirty lines through D1 (64 lines), all in L2: every write misses
# D1 and evicts a dirty line; nothing leaves L2.  W = 10 x 128.
run small_writes write 8192 10
[ "$(counts small_writes "$WRITE")" = "0 1280 0 1280 0 0 1280 0 0" ] ||
    fail "small writes: expected 1280 D1 write misses and 1280 D1 writebacks, nothing further"

# B: the same lines read after one pass of writes: the 64 dirty lines D1
# holds leave as the reads come, charged to the reading line.
run reads_after_writes read 8192 10
[ "$(counts reads_after_writes "$READ")" = "1280 0 1280 0 0 0 64 0 0" ] ||
    fail "reads after writes: expected 64 D1 writebacks on the reading line"

# C: 8,192 dirty lines (512 KB) through every level: each write misses
# everywhere, and each line leaves D1, then L2, then LL, dirty.  Only the
# stack lines of the request and the return share L2 and LL with the
# buffer (a few clean evictions instead of dirty ones).  W = 4 x 8192.
run large_writes write 524288 4
set -- $(counts large_writes "$WRITE")
[ "$2 $4 $5 $6 $7" = "32768 32768 32768 32768 32768" ] ||
    fail "large writes: expected 32768 writes, D1/L2/LL write misses and D1 writebacks, got $*"
[ "$8" -ge 32764 ] && [ "$8" -le 32768 ] && [ "$9" -ge 32764 ] && [ "$9" -le 32768 ] ||
    fail "large writes: L2wb $8 and LLwb $9 should be 32768 less the few stack-line evictions"

# Writebacks are counted only with writeback=yes.
cachesim --I1=32768,8,64 --D1=4096,2,64 --L2=32768,4,64 --LL=262144,8,64 \
    --cachesim-out-file="$W/nowb.cs" "$W/writeback" write 8192 2 >/dev/null 2>&1 || fail "run without write-back failed"
grep -q '^events:.*wb' "$W/nowb.cs" && fail "writeback events without write-back"
note "writeback counts as expected"
