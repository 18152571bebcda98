# Measured regions: the client-request macros, --instr-atstart,
# --collect-atstart and --toggle-collect, named dumps as parts, warm caches.
. "$TOP_SRCDIR/tests/lib.sh"
build regions regions.c -- -O1 -I"$TOP_SRCDIR/include"
R="$W/regions"

# part_flat PROFILE N: the flattened counts of part N only.
part_flat() {
    awk -v want="$2" '/^part: / { p = $2 } p == want || !/^[0-9+*-]/ { print }' "$1" >"$1.part$2"
    flatten "$1.part$2"
}
# fn_counts FLAT FN: the summed counts of one function.
fn_counts() { by_function "$1" | awk -F '\t' -v fn="$2" '$2 == fn { print $3 }'; }

# Natively: the macros do nothing and the output is the same.
"$R" dump >"$W/native.out" || fail "native run failed"
cachesim $GEOM --cachesim-out-file="$W/dump.cs" "$R" dump >"$W/dump.out" 2>"$W/dump.err" || fail "run failed"
cmp -s "$W/native.out" "$W/dump.out" || fail "output differs from the native run"

# Named dumps are parts, with their labels; the final part follows.
[ "$(grep -c '^part: ' "$W/dump.cs")" -eq 3 ] || fail "expected 3 parts"
grep -q "^desc: Trigger: Client Request: work$" "$W/dump.cs" || fail "no part labelled 'work'"
grep -q "^desc: Trigger: Client Request: second$" "$W/dump.cs" || fail "no part labelled 'second'"
grep -q "^desc: Trigger: Program termination$" "$W/dump.cs" || fail "no final part"
grep -q "^desc: Fingerprint: tool=cachesim-.* valgrind=.* I1=32768,8,64 D1=32768,8,64 LL=1048576,16,64 .*env-bytes=[0-9]* argv-bytes=[0-9]* instr-atstart=yes" "$W/dump.cs" ||
    fail "fingerprint line missing or incomplete"
callgrind_annotate "$W/dump.cs" >/dev/null 2>"$W/ca.err" || fail "callgrind_annotate rejects a multi-part profile"

# The 'work' part holds work() and nothing of noise().
part_flat "$W/dump.cs" 1 >"$W/part1.flat"
grep -q "	noise	" "$W/part1.flat" && fail "noise() counted inside the measured region"
w1=$(fn_counts "$W/part1.flat" work)
[ -n "$w1" ] || fail "work() missing from the 'work' part"

# The same code measured on its own (collect only inside work(), first
# call) gives the same counts, misses included: collection does not change
# the simulation.
cachesim $GEOM --toggle-collect=work --cachesim-out-file="$W/tog.cs" "$R" plain >/dev/null 2>&1 || fail "toggle run failed"
grep -q "collect-atstart=no" "$W/tog.cs" || fail "--toggle-collect should imply collect-atstart=no"
flatten "$W/tog.cs" >"$W/tog.flat"
others=$(by_function "$W/tog.flat" | awk -F '\t' '$2 != "work"' | wc -l)
[ "$others" -eq 0 ] || fail "--toggle-collect=work counted $others other functions"
w2=$(fn_counts "$W/tog.flat" work)
[ "$w1" = "$w2" ] || fail "work() in the region: $w1; measured alone: $w2"
note "work() region: $w1"

# --instr-atstart=no: nothing before START, then only what runs until STOP.
cachesim $GEOM --instr-atstart=no --cachesim-out-file="$W/instr.cs" "$R" instr >/dev/null 2>&1 || fail "instr run failed"
grep -q "instr-atstart=no" "$W/instr.cs" || fail "fingerprint does not record instr-atstart=no"
flatten "$W/instr.cs" >"$W/instr.flat"
wi=$(fn_counts "$W/instr.flat" work | cut -d' ' -f1)
[ "$wi" = "$(echo "$w1" | cut -d' ' -f1)" ] || fail "work() Ir with START/STOP_INSTRUMENTATION: $wi, expected $(echo "$w1" | cut -d' ' -f1)"
by_function "$W/instr.flat" | grep -q "	noise	" && fail "noise() counted while instrumentation was off"
tot=$(totals "$W/instr.flat" | cut -d' ' -f1)
[ "$tot" -lt 400000 ] || fail "total Ir $tot: start-up was instrumented"

# Collection requests.
cachesim $GEOM --collect-atstart=no --cachesim-out-file="$W/col.cs" "$R" collect >/dev/null 2>&1 || fail "collect run failed"
flatten "$W/col.cs" >"$W/col.flat"
by_function "$W/col.flat" | grep -q "	noise	" && fail "noise() counted while collection was off"
wc_=$(fn_counts "$W/col.flat" work | cut -d' ' -f1)
[ "$wc_" -gt "$(echo "$w1" | cut -d' ' -f1)" ] || fail "the toggled work(10) call was not counted"

# Many collection switches: the tool remakes the code for the first ones,
# then makes code that tests a flag.  Both must count exactly what code that
# tests the flag from the start counts (a --toggle-collect pattern that
# matches nothing forces that).
cachesim $GEOM --collect-atstart=no --cachesim-out-file="$W/many.cs" "$R" many >/dev/null 2>&1 || fail "many run failed"
cachesim $GEOM --collect-atstart=no --toggle-collect=no_such_function --cachesim-out-file="$W/many_masked.cs" "$R" many >/dev/null 2>&1 ||
    fail "many (masked) run failed"
flatten "$W/many.cs" >"$W/many.flat"
flatten "$W/many_masked.cs" >"$W/many_masked.flat"
diff "$W/many_masked.flat" "$W/many.flat" >"$W/many.diff" ||
    fail "100 collection switches: counts differ from code that tests the flag throughout ($(grep -c '^[<>]' "$W/many.diff") lines)"
[ -s "$W/many.flat" ] || fail "many: empty profile"
by_function "$W/many.flat" | grep -q "	noise	" && fail "noise() counted while collection was off (many)"
wm=$(fn_counts "$W/many.flat" work | cut -d' ' -f1)
note "work() over 100 switched regions: Ir $wm"

# Caches stay warm across ZERO/DUMP; FLUSH_CACHES makes the next region cold.
cachesim $GEOM --cachesim-out-file="$W/flush.cs" "$R" flush >/dev/null 2>&1 || fail "flush run failed"
warm=$(fn_counts "$(part_flat "$W/flush.cs" 1 >"$W/f1.flat"; echo "$W/f1.flat")" work | cut -d" " -f6)
cold=$(fn_counts "$(part_flat "$W/flush.cs" 2 >"$W/f2.flat"; echo "$W/f2.flat")" work | cut -d" " -f6)
[ "${warm:-0}" -lt "${cold:-0}" ] || fail "DLmr warm $warm, after FLUSH_CACHES $cold: the flush did nothing"
[ "${warm:-1}" -eq 0 ] || note "warm region still had $warm LL read misses"
note "DLmr of work(): warm $warm, cold $cold"
