# The options of the deterministic mode: bad values get Valgrind's
# bad-option message and a non-zero exit; --help lists them; the virtual
# wall clock starts at the documented date or at --clock-start.
. "$TOP_SRCDIR/tests/lib.sh"
cat >"$W/date.c" <<'PROG'
#include <stdio.h>
#include <sys/time.h>
#include <time.h>
int main(void)
{
    struct timeval tv;
    struct timespec ts;
    time_t t = time(NULL);
    gettimeofday(&tv, NULL);
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("%ld %ld %ld\n", (long)t, (long)tv.tv_sec, (long)ts.tv_sec);
    return 0;
}
PROG
${CC:-gcc} -O1 -o "$W/date" "$W/date.c" || fail "could not compile date.c"
for bad in --seed=abc --seed=-1 --seed=12x --seed= --seed=99999999999999999999 \
           --clock-start=yesterday --clock-start=999999999999 --deterministic=maybe; do
    cachesim $bad "$W/date" >"$W/bad.out" 2>&1 && fail "$bad was accepted"
    grep -q "Bad option" "$W/bad.out" || { cat "$W/bad.out"; fail "$bad: no bad-option message"; }
done
cachesim --help >"$W/help.out" 2>&1
for o in --deterministic --seed --clock-start; do
    grep -q -- "$o=" "$W/help.out" || fail "--help does not list $o"
done
cachesim $GEOM --deterministic=yes --cachesim-out-file="$W/d.cs" "$W/date" >"$W/d.out" 2>/dev/null || fail "run failed"
[ "$(cat "$W/d.out")" = "1704067200 1704067200 1704067200" ] || fail "clock start: $(cat "$W/d.out")"
cachesim $GEOM --deterministic=yes --clock-start=1000000000 --cachesim-out-file="$W/e.cs" "$W/date" >"$W/e.out" 2>/dev/null || fail "run failed"
[ "$(cat "$W/e.out")" = "1000000000 1000000000 1000000000" ] || fail "--clock-start: $(cat "$W/e.out")"
grep -q 'deterministic=yes seed=0 clock-start=1000000000' "$W/e.cs" || fail "the fingerprint does not record --clock-start"
# Off by default: the real date.
cachesim $GEOM --cachesim-out-file="$W/f.cs" "$W/date" >"$W/f.out" 2>/dev/null || fail "run failed"
[ "$(cut -d ' ' -f 1 "$W/f.out")" -gt 1704067200 ] || fail "the clock is virtual without the option"
note "virtual date: $(cat "$W/d.out"); real: $(cat "$W/f.out")"
