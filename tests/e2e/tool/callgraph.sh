# The call graph: call counts per caller->callee pair equal Callgrind's,
# inclusive costs are within 0.5% of Callgrind's (Callgrind turns VEX's
# guest chasing off, which changes its Ir slightly, and charges the lazy
# PLT resolver differently), the exact stacks sum to the totals, and
# callgrind_annotate reads the call information.
. "$TOP_SRCDIR/tests/lib.sh"

# arcs PROFILE: "caller<TAB>callee<TAB>count", summed over call sites.
arcs() {
    awk 'function name_of(space, spec,    id, rest) {
             if (spec ~ /^\([0-9]+\)/) {
                 id = substr(spec, 2, index(spec, ")") - 2)
                 rest = substr(spec, index(spec, ")") + 1); sub(/^ /, "", rest)
                 if (rest != "") names[space, id] = rest
                 return names[space, id]
             }
             return spec
         }
         /^fn=/ { fn = name_of("n", substr($0, 4)); next }
         /^cfn=/ { cfn = name_of("n", substr($0, 5)); next }
         /^calls=/ { split(substr($0, 7), a, " "); c[fn "\t" cfn] += a[1]; next }
         END { for (k in c) print k "\t" c[k] }' "$1" | LC_ALL=C sort
}
# inclusive PROFILE FILE-PATTERN: "function<TAB>Ir" from callgrind_annotate
# --inclusive=yes, for the functions of files matching the pattern.
inclusive() {
    # From /: callgrind_annotate strips $PWD from fl= names but not from cfi=.
    (cd / && callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$1" 2>/dev/null) |
        awk -v pat="$2" '/^ *[0-9,]+ / && $0 ~ pat ":" {
                 v = $1; gsub(",", "", v)
                 rest = substr($0, index($0, pat ":"))
                 rest = substr(rest, index(rest, ":") + 1)
                 sub(/ \[[^]]*\]$/, "", rest)
                 print rest "\t" v }' | LC_ALL=C sort -t '	' -k1,1
}
# dup_contexts PROFILE: how many (part, parent, function) are on more than
# one "# ctx: UP FN ..." line (the parent is the context UP lines above).
dup_contexts() {
    awk '/^part: / { part = $2; n = 0 }
         /^# ctx: / { n++; print part, ($3 + 0 ? n - $3 : 0), $4 }' "$1" | sort | uniq -d | wc -l
}
check_program() {  # NAME SOURCE-FILE FUNCTIONS-REGEX
    name=$1; src=$2; fns=$3
    cachesim --call-graph=yes --cachesim-out-file="$W/$name.cs" "$W/$name" >"$W/$name.cs.out" 2>&1 || fail "$name: cachesim failed"
    valgrind -q --tool=callgrind --separate-recs=1 --callgrind-out-file="$W/$name.cl1" "$W/$name" >/dev/null 2>&1 ||
        fail "$name: callgrind failed"
    valgrind -q --tool=callgrind --callgrind-out-file="$W/$name.cl" "$W/$name" >/dev/null 2>&1 || fail "$name: callgrind failed"
    arcs "$W/$name.cs" | grep -E "^($fns)	($fns)	" >"$W/$name.cs.arcs"
    arcs "$W/$name.cl1" | grep -E "^($fns)	($fns)	" >"$W/$name.cl.arcs"
    [ -s "$W/$name.cs.arcs" ] || fail "$name: no calls between the program's functions"
    diff "$W/$name.cl.arcs" "$W/$name.cs.arcs" >"$W/$name.arcs.diff" ||
        { cat "$W/$name.arcs.diff"; fail "$name: call counts differ from Callgrind's (< callgrind, > cachesim)"; }
    note "$name: $(wc -l <"$W/$name.cs.arcs") caller->callee pairs with Callgrind's counts"
    inclusive "$W/$name.cs" "$src" >"$W/$name.cs.incl"
    inclusive "$W/$name.cl" "$src" >"$W/$name.cl.incl"
    LC_ALL=C join -t '	' "$W/$name.cs.incl" "$W/$name.cl.incl" >"$W/$name.incl"
    [ -s "$W/$name.incl" ] || fail "$name: no inclusive costs to compare"
    awk -F '\t' '{ d = $2 - $3; if (d < 0) d = -d; if (d > 0.005 * $3) { print "inclusive Ir of " $1 ": " $2 " vs Callgrind " $3; bad = 1 } }
         END { exit bad }' "$W/$name.incl" || fail "$name: inclusive costs more than 0.5% from Callgrind's"
    note "$name: inclusive Ir of $(wc -l <"$W/$name.incl") functions within 0.5% of Callgrind's"
    callgrind_annotate --inclusive=yes --tree=both "$W/$name.cs" >"$W/$name.tree" 2>&1 || fail "$name: callgrind_annotate --tree failed"
    if grep -i "warning" "$W/$name.tree"; then fail "$name: callgrind_annotate warned"; fi
}

build calltree calltree.c -- -O1
check_program calltree calltree.c "main|leaf|middle|fact|is_even|is_odd|twice|thrice|tail_caller|tail_target|dive|on_signal"
grep -q "^dive	dive	60$" "$W/calltree.cs.arcs" || fail "longjmp: dive->dive should be 60 calls"
# The tool tells contexts apart by call site too; the profile still has one
# "# ctx:" line per distinct stack, that is per parent and function (checked
# where some caller calls the same function from several sites, as libc
# does here).
sites=$(grep -c "^calls=" "$W/calltree.cs")
pairs=$(arcs "$W/calltree.cs" | wc -l)
[ "$sites" -gt "$pairs" ] || fail "calltree: no function called from two sites of one caller ($sites calls= lines, $pairs pairs)"
grep -q "^# ctx: " "$W/calltree.cs" || fail "calltree: no # ctx: lines"
dups=$(dup_contexts "$W/calltree.cs")
[ "$dups" -eq 0 ] || fail "calltree: $dups stacks written on more than one # ctx: line"
build calltree_o2 calltree.c -- -O2
mv "$W/calltree_o2" "$W/calltree2"
check_program calltree2 calltree.c "main|leaf|middle|fact|is_even|is_odd|twice|thrice|tail_caller|tail_target|dive|on_signal"
build calltree_cxx calltree_cxx.cc -- -O1
check_program calltree_cxx calltree_cxx.cc "main|run\(.*|thrower\(long\)|guarded\(long\)|Add::step\(long\) const|Mul::step\(long\) const"
grep -q "^thrower(long)	thrower(long)	24$" "$W/calltree_cxx.cs.arcs" || fail "exception: thrower recursion count"

# Exact stacks: the self costs of all contexts add up to the totals, for
# every event, and the stacks through a function (csann's folded stacks)
# add up to its inclusive cost (callgrind_annotate's).
P="$W/calltree.cs"
# ctx_sum PROFILE: the sum of the # ctx: lines' counts, as on totals:.
ctx_sum() {
    awk '/^# ctx: / { for (i = 5; i <= 17; i++) t[i] += $i }
         END { for (i = 5; i <= 17; i++) printf "%s%d", (i > 5 ? " " : ""), t[i]; print "" }' "$1" |
        sed 's/\( 0\)*$//'
}
stacks_total=$(ctx_sum "$P")
[ "$stacks_total" = "$(sed -n 's/^totals: //p' "$P")" ] || fail "stacks sum to '$stacks_total', totals are '$(sed -n 's/^totals: //p' "$P")'"
"$CSANN" flamegraph --folded --event=Ir "$P" >"$W/calltree.folded" || fail "csann flamegraph --folded"
for fn in middle fact dive is_even; do
    through=$(awk -v fn="$fn" '{ n = split($0, w, " "); st = substr($0, 1, length($0) - length(w[n]) - 1)
                                 k = split(st, f, ";"); for (i = 1; i <= k; i++) if (f[i] == fn) { s += w[n]; break } }
                               END { print s + 0 }' "$W/calltree.folded")
    incl=$(awk -F '\t' -v fn="$fn" '$1 == fn { print $2 }' "$W/calltree.cs.incl")
    [ "$through" = "$incl" ] || fail "stacks through $fn sum to $through Ir, its inclusive cost is $incl"
done
note "stacks sum to the totals; stacks through middle, fact, dive, is_even equal their inclusive Ir"

# Two threads: each has its own stack of calls; the thread functions are
# called from libc's start_thread, as Callgrind sees it.
build threads threads.c -- -O1 -pthread
cachesim --call-graph=yes --cachesim-out-file="$W/thr.cs" "$W/threads" >/dev/null 2>&1 || fail "threads: cachesim failed"
valgrind -q --tool=callgrind --separate-recs=1 --callgrind-out-file="$W/thr.cl" "$W/threads" >/dev/null 2>&1 || fail "threads: callgrind failed"
arcs "$W/thr.cs" | grep -E "	work	|^main	pthread_(create|join)" >"$W/thr.cs.arcs"
arcs "$W/thr.cl" | grep -E "	work	|^main	pthread_(create|join)" >"$W/thr.cl.arcs"
grep -q "^start_thread	work	2$" "$W/thr.cs.arcs" || { cat "$W/thr.cs.arcs"; fail "threads: start_thread->work should be 2 calls"; }
diff "$W/thr.cl.arcs" "$W/thr.cs.arcs" || fail "threads: call counts differ from Callgrind's"
# Each thread's contexts get only that thread's costs: all stacks still
# add up to the totals; the two threads' identical contexts are one.
thr_stacks=$(ctx_sum "$W/thr.cs")
[ "$thr_stacks" = "$(sed -n 's/^totals: //p' "$W/thr.cs")" ] || fail "threads: stacks sum to '$thr_stacks', totals are '$(sed -n 's/^totals: //p' "$W/thr.cs")'"
"$CSANN" flamegraph --folded --event=Ir "$W/thr.cs" >"$W/thr.folded" || fail "threads: csann flamegraph --folded"
[ "$(grep -c 'start_thread;work [0-9]*$' "$W/thr.folded")" = 1 ] ||
    { cat "$W/thr.folded"; fail "threads: not one start_thread;work context"; }
dups=$(dup_contexts "$W/thr.cs")
[ "$dups" -eq 0 ] || fail "threads: $dups stacks written on more than one # ctx: line"
