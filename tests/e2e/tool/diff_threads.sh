# Differential: two threads.  Valgrind's scheduler switches threads at
# slightly different points from run to run (even under Cachegrind alone),
# so the totals are compared within 1% rather than exactly; the worker
# function's Ir (200,000 iterations, unaffected by switch points) must be
# within 0.1%.
. "$TOP_SRCDIR/tests/lib.sh"
build threads threads.c -- -O1 -pthread
run_pair threads -- "$W/threads"
set -- $(totals "$W/threads.cg.flat"); cg="$*"
set -- $(totals "$W/threads.cs.flat"); cs="$*"
i=0
for ev in $ALL_EVENTS; do
    i=$((i + 1))
    a=$(echo "$cg" | cut -d' ' -f$i); b=$(echo "$cs" | cut -d' ' -f$i)
    awk -v a="$a" -v b="$b" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.01 * a + 20) }' ||
        fail "threads: $ev is $b under cachesim, $a under Cachegrind (more than 1% apart)"
done
wa=$(by_function "$W/threads.cg.flat" | awk -F '\t' '$2 == "work" { split($3, c, " "); print c[1] }')
wb=$(by_function "$W/threads.cs.flat" | awk -F '\t' '$2 == "work" { split($3, c, " "); print c[1] }')
[ -n "$wa" ] && [ -n "$wb" ] || fail "threads: no 'work' function in a profile"
awk -v a="$wa" -v b="$wb" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.001 * a) }' ||
    fail "threads: work() Ir $wb vs Cachegrind's $wa"
