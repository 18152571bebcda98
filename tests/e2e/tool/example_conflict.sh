# examples/conflict.c (issue 27): a column walk with a 4096-byte row
# stride has conflict misses on one line; one line of padding per row
# (PAD 8) leaves none, and csann diff shows the change on that line.
# D1 32 KB 8-way: the walk's 64 rows share one set before the padding.
. "$TOP_SRCDIR/tests/lib.sh"
EX="$TOP_SRCDIR/examples/conflict.c"
gcc -g -O1 -o "$W/conflict" "$EX" || fail "could not compile the example"
gcc -g -O1 -DPAD=8 -o "$W/conflict-padded" "$EX" || fail "could not compile the padded example"
G="--I1=32768,8,64 --D1=32768,8,64 --LL=8388608,16,64"
for p in conflict conflict-padded; do
    cachesim $G --classify-misses=yes --cachesim-out-file="$W/$p.cs" "$W/$p" >/dev/null 2>"$W/$p.err" ||
        { cat "$W/$p.err"; fail "$p failed"; }
done
L=$(grep -n "the column walk \*/" "$EX" | cut -d: -f1)
line_counts() {
    awk -v events="Dr D1mr D1cmp D1cap D1cnf" -f "$TOP_SRCDIR/tests/tools/flatten.awk" "$W/$1.cs" |
        awk -F '\t' -v line="$L" '$1 ~ /conflict\.c$/ && $3 == line { print $4 }'
}
set -- $(line_counts conflict)
note "before padding: Dr D1mr D1cmp D1cap D1cnf = $*"
[ "$1" = 32768 ] && [ "$2" = 32768 ] && [ $(($3 + $4 + $5)) = "$2" ] && [ "$5" -ge 28000 ] ||
    fail "before padding: $*: expected 32768 loads, all missing, mostly conflict misses"
set -- $(line_counts conflict-padded)
note "after padding:  Dr D1mr D1cmp D1cap D1cnf = $*"
[ "$1" = 32768 ] && [ "$2" -le 4096 ] && [ "$5" = 0 ] ||
    fail "after padding: $*: expected at most a miss per line and no conflict miss"
# csann diff, annotated: the walk's line loses its conflict misses.
"$CSANN" diff --sort=D1cnf --show=D1mr,D1cmp,D1cap,D1cnf --auto=yes "$W/conflict.cs" \
    "$W/conflict-padded.cs" >"$W/diff.txt" 2>"$W/diff.err" || { cat "$W/diff.err"; fail "csann diff failed"; }
grep "the column walk" "$W/diff.txt" | grep -q -- "-28,[0-9]* (-99\.[0-9]*%)" ||
    { grep "column walk" "$W/diff.txt"; fail "csann diff does not show the conflict misses gone"; }
note "csann diff shows the padding removing the conflict misses"
