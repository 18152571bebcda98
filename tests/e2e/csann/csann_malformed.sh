#!/bin/sh
# csann_malformed: malformed, truncated and corrupted profiles give
# "csann: FILE:LINE: what is wrong" and exit status 1, never a crash.
# csann is rebuilt here with AddressSanitizer and UBSan; if the compiler
# cannot do that, the checks still run on the normal build (reported).
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann

BIN=$W/csann-asan
XMLFLAGS=$(pkg-config --cflags libxml-2.0 2>/dev/null || xml2-config --cflags 2>/dev/null)
XMLLIBS=$(pkg-config --libs libxml-2.0 2>/dev/null || xml2-config --libs 2>/dev/null || echo -lxml2)
ZLIBFLAGS=$(pkg-config --cflags zlib 2>/dev/null)
ZLIBLIBS=$(pkg-config --libs zlib 2>/dev/null || echo -lz)
# Only a compiler without the sanitizers falls back to the normal build; a
# build that fails with them is a failure (a source the list misses).
echo 'int main(void) { return 0; }' >"$W/probe.c"
if ${CC:-gcc} -fsanitize=address,undefined "$W/probe.c" -o "$W/probe" 2>/dev/null && "$W/probe"; then
    # shellcheck disable=SC2086
    ${CC:-gcc} -fsanitize=address,undefined -fno-sanitize-recover=undefined -g -O1 \
        -std=c99 -D_POSIX_C_SOURCE=200809L -DCSANN_VERSION='"asan"' \
        $CSANN_INCLUDES $XMLFLAGS $ZLIBFLAGS $CSANN_SOURCES \
        $XMLLIBS $ZLIBLIBS -lm -o "$BIN" 2>"$W/asan-build.log" &&
        "$BIN" --version >/dev/null 2>&1 ||
        { cat "$W/asan-build.log"; fail "could not build csann with -fsanitize=address,undefined"; }
    note "using an AddressSanitizer+UBSan build of csann"
else
    note "SKIPPED: the compiler cannot build with -fsanitize=address,undefined;"
    note "         running the checks on the normal build ($CSANN) instead"
    BIN=$CSANN
fi
ASAN_OPTIONS=exitcode=99:abort_on_error=0; export ASAN_OPTIONS
UBSAN_OPTIONS=halt_on_error=1:exitcode=99:print_stacktrace=1; export UBSAN_OPTIONS

# bad NAME 'MESSAGE' LINE: csann rejects $W/NAME at LINE with MESSAGE.
bad() {
    "$BIN" --auto=no "$W/$1" >/dev/null 2>"$W/err"
    rc=$?
    [ "$rc" -eq 1 ] || { cat "$W/err"; fail "$1: exit $rc, want 1"; }
    grep -q "^csann: $W/$1:$3: .*$2" "$W/err" || { cat "$W/err"; fail "$1: want '$W/$1:$3: ...$2'"; }
}
mk() { printf "$2" >"$W/$1"; }   # mk NAME PRINTF-FORMAT

H='events: Ir Dr\n'
mk empty ''
bad empty 'empty file' 0
mk comments '# callgrind format\n# nothing else\n'
bad comments 'empty file' 2
mk junk '\177ELF\002\001\001\000\000\000garbage\n'
bad junk 'NUL byte' 1
mk text 'hello world\nthis is not a profile\n'
bad text 'body line before any events' 1
mk noevents 'fl=a.c\nfn=f\n1 2\n'
bad noevents 'body line before any events' 1
mk before_fn "${H}summary: 5 0\nfl=a.c\n1 5\n"
bad before_fn 'cost line before any fn=' 4
mk undef_id "${H}summary: 5 0\nfl=a.c\nfn=(7)\n1 5\n"
bad undef_id 'undefined name id (7)' 4
mk undef_cfn "${H}summary: 5 0\nfl=(1) a.c\nfn=(1) f\n1 5\ncfn=(9)\ncalls=1 2\n1 5\n"
bad undef_cfn 'undefined name id (9)' 6
mk bad_id "${H}summary: 5 0\nfl=a.c\nfn=(12 main\n1 5\n"
bad bad_id 'bad compressed name' 4
mk huge "${H}summary: 5 0\nfl=a.c\nfn=f\n1 99999999999999999999999\n"
bad huge 'number too large' 5
mk hugehex "${H}summary: 5 0\nfl=a.c\nfn=f\n0x1ffffffffffffffff 5\n"
bad hugehex 'number too large' 5
mk too_many "${H}summary: 5 0\nfl=a.c\nfn=f\n1 5 0 7\n"
bad too_many 'more costs than the 2 events' 5
mk badcost "${H}summary: 5 0\nfl=a.c\nfn=f\n1 5x\n"
bad badcost 'bad cost' 5
mk badpos "${H}summary: 5 0\nfl=a.c\nfn=f\n1x 5\n"
bad badpos 'bad position' 5
mk negative "${H}summary: 5 0\nfl=a.c\nfn=f\n3 1\n-5 4\n"
bad negative 'goes below zero' 6
mk calls_eof "${H}summary: 5 0\nfl=a.c\nfn=f\n1 5\ncfn=g\ncalls=1 3\n"
bad calls_eof 'without its cost line' 7
mk calls_fn "${H}summary: 5 0\nfl=a.c\nfn=f\n1 5\ncfn=g\ncalls=1 3\nfn=g\n3 1\n"
bad calls_fn 'expected a cost line after calls=' 8
mk calls_nocfn "${H}summary: 5 0\nfl=a.c\nfn=f\n1 5\ncalls=1 3\n1 9\n"
bad calls_nocfn 'calls= without a preceding cfn=' 6
mk jcnd "${H}summary: 5 0\nfl=a.c\nfn=f\n1 5\njcnd=1/x 3\n1\n"
bad jcnd 'expected a number' 6
mk mismatch "${H}summary: 5 0\nfl=a.c\nfn=f\n1 4\ntotals: 4 1\n"
bad mismatch 'add up to 0 Dr, but totals: says 1' 6
mk nototals "${H}fl=a.c\nfn=f\n1 4\n"
bad nototals 'no totals: or summary: line' 4
mk version 'version: 2\nevents: Ir\n'
bad version 'unsupported format version' 1
mk twice 'events: Ir Dr Ir\n'
bad twice "event 'Ir' listed twice" 1
mk summary_first 'summary: 5\nevents: Ir\n'
bad summary_first 'summary:/totals: before events:' 1
mk unknown "${H}summary: 5 0\nfl=a.c\nfn=f\n1 5\nbogus line here\n"
bad unknown 'unrecognised line' 6
mk unknown_key "${H}summary: 5 0\nfl=a.c\nfn=f\n1 5\nweird: 3\n"
bad unknown_key 'unrecognised line' 6
mk positions 'positions: instr bogus\nevents: Ir\n'
bad positions 'bad positions' 1
mk events2 "${H}events: Ir\n"
bad events2 'second events: line' 2
mk noname "${H}summary: 5 0\nfl=a.c\nfn=\n1 5\n"
bad noname 'empty name' 4
mk part2bad "${H}summary: 5 0\nfl=a.c\nfn=f\n1 5\npart: 2\nevents: Ir\nfn=f\n1 3\ntotals: 4\n"
bad part2bad 'part 2: the cost lines add up to 3 Ir' 10
# A long valid line must work (no fixed-size buffers).
{ printf 'events: Ir\nsummary: 5\nfl=a.c\nfn='; head -c 300000 /dev/zero | tr '\0' x; printf '\n1 5\n'; } >"$W/long"
"$BIN" --auto=no "$W/long" >/dev/null 2>"$W/err" || { cat "$W/err"; fail "long name rejected"; }
note "hand-made malformed inputs: all rejected with FILE:LINE"

# Missing file / directory: exit 1 with a clear message.
"$BIN" "$W/no-such-file" >/dev/null 2>"$W/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "no-such-file: cannot open" "$W/err" || fail "missing file: exit $rc"
"$BIN" "$W" >/dev/null 2>"$W/err"; rc=$?
[ "$rc" -eq 1 ] || fail "directory as profile: exit $rc"

# Truncations at many offsets: every cut before the final totals/summary
# numbers makes the file incomplete, which must be reported.
truncations() {  # FILE STEP
    f=$1; step=$2
    size=$(wc -c <"$f")
    last=$(tail -n 1 "$f" | wc -c)
    limit=$((size - last + 7))
    off=0; n=0
    while [ "$off" -lt "$limit" ]; do
        head -c "$off" "$f" >"$W/cut"
        "$BIN" --auto=no "$W/cut" >/dev/null 2>"$W/err"
        rc=$?
        [ "$rc" -eq 1 ] || { cat "$W/err"; fail "$(basename "$f") cut at $off: exit $rc"; }
        grep -q "^csann: $W/cut:[0-9]*: " "$W/err" || { cat "$W/err"; fail "cut at $off: no FILE:LINE"; }
        n=$((n + 1)); off=$((off + step))
    done
    note "$(basename "$f"): $n truncations rejected"
}
truncations "$G/hand.callgrind" 7
truncations "$G/cachegrind.out" 6
truncations "$G/callgrind.out" 211

# Corruptions: single bytes overwritten with troublesome values.  The
# result may be valid or not, but csann must exit 0 or 1, cleanly.
n=0
for off in 0 1 17 60 150 333 512 700 901 1234 2000 2777 3100 4096 5000 6543 \
           7000 8191 9000 10007 12000 15000 17777 20000 23456 26000 30000 33333 34900; do
    for byte in '\000' '\377' '(' ')' '=' '+' '-' '*' '\n' '9' ' '; do
        cp "$G/callgrind.out" "$W/mut"
        printf "$byte" | dd of="$W/mut" bs=1 seek="$off" conv=notrunc 2>/dev/null
        "$BIN" --auto=yes --inclusive=yes --derive=D1mr/Dr "$W/mut" >/dev/null 2>"$W/err"
        rc=$?
        case $rc in 0|1) ;; *) cat "$W/err"; fail "corruption at $off ($byte): exit $rc";; esac
        if grep -q 'Sanitizer\|runtime error' "$W/err"; then cat "$W/err"; fail "sanitizer at $off"; fi
        n=$((n + 1))
    done
done
note "$n corrupted files handled"
