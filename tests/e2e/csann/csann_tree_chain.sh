#!/bin/sh
# csann_tree_chain: --inclusive=yes --tree=both is n log n in the number of
# calls, not quadratic: a call chain of 100,000 functions (f0 -> f1 -> ...,
# generated here) is annotated in under a second of CPU time (0.3 s when
# written; 15 s when each function's callers and callees were found by
# scanning every call).  CPU time, not wall-clock time: other work on the
# machine does not count.  The callers and callees listed are checked too.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
cd "$W" || fail "cd"
N=100000
awk -v n=$N 'BEGIN {
    print "# callgrind format"; print "version: 1"; print "creator: csann_tree_chain"
    print "positions: line"; print "events: Ir"; print "summary: " n
    print "fl=chain.c"
    for (i = 0; i < n; i++) {
        print "fn=f" i
        print (i + 1) " 1"
        if (i + 1 < n) { print "cfn=f" (i + 1); print "calls=1 " (i + 2); print (i + 1) " " (n - i - 1) }
    }
    print "totals: " n
}' >chain.callgrind || fail "could not write the chain"

(ulimit -t 1 && exec "$CSANN" --inclusive=yes --tree=both --auto=no chain.callgrind) >out 2>err
st=$?
[ "$st" = 0 ] || { cat err; fail "--tree=both on a chain of $N calls: exit $st (over a second of CPU time?)"; }
# f500's block: called once by f499, calls f501 once.
grep -A2 '   < chain.c:f499 (1x)$' out >block || true
awk 'NR == 1 && /^ 99,500 \(99.50%\)    < chain.c:f499 \(1x\)$/ { a = 1 }
     NR == 2 && /^ 99,500 \(99.50%\)  \*  chain.c:f500$/ { b = 1 }
     NR == 3 && /^ 99,499 \(99.50%\)    >   chain.c:f501 \(1x\)$/ { c = 1 }
     END { exit !(a && b && c) }' block || { cat block; fail "f500's callers and callees"; }
[ "$(grep -c '  \*  chain.c:f' out)" -gt 99000 ] || fail "not every function listed"
note "--inclusive=yes --tree=both on a chain of $N calls: within a second of CPU time"
