# Differential: self-modifying code (translations discarded and redone)
# is counted once per execution, as by Cachegrind; so is generated code
# above 4 GB, with fetches within a line and spanning two (each of the
# fetch helpers: breaking any of them fails this test).
. "$TOP_SRCDIR/tests/lib.sh"
build smc smc.c -- -O1
run_pair smc --smc-check=all -- "$W/smc"
expect_same_lines smc
"$W/smc" >"$W/native.stdout" || fail "smc failed natively"
cmp -s "$W/native.stdout" "$W/smc.cs.stdout" || fail "the rewritten code gave other results under cachesim"
ir=$(awk -F '\t' '$1 == "???" && $2 == "???" { split($4, c, " "); s += c[1] } END { print s + 0 }' "$W/smc.cs.flat")
[ "$ir" -ge 600 ] || fail "generated code: $ir Ir, expected at least 600 (2 per call)"
