# The calling contexts as the tool writes them ("# ctx: UP FN COUNTS" and
# "# ctxfn: FN NAME" lines, docs/callgraph.md): every parent is a context
# of the same part, every function number is defined in the part before
# its use, no (parent, function) is written twice; recursion deeper than
# the 400-frame limit keeps the tree bounded and its arcs equal to
# Callgrind's; each part of a multi-part profile stands alone; malformed
# lines are FILE:LINE errors.
. "$TOP_SRCDIR/tests/lib.sh"

# check_form PROFILE: the structure of the # ctx: lines, part by part.
check_form() {
    awk '/^part: / { n = 0; delete defined; delete seen; next }
         /^# ctxfn: / { defined[$3] = 1; next }
         /^# ctx: / {
             n++
             if ($3 !~ /^[0-9]+$/ || $3 + 0 > n - 1) { print FILENAME ":" FNR ": parent " $3 " up is not a context of the part"; bad = 1 }
             if (!($4 in defined)) { print FILENAME ":" FNR ": function " $4 " not defined in the part"; bad = 1 }
             if (NF > 4 + 13) { print FILENAME ":" FNR ": more than 13 counts"; bad = 1 }
             # The same parent and function twice is one context written twice.
             abs[n] = $3 + 0 ? n - $3 : 0
             key = abs[n] " " $4
             if (key in seen) { print FILENAME ":" FNR ": context (" key ") written twice"; bad = 1 }
             seen[key] = 1
         }
         END { exit bad }' "$1"
}

build calltree calltree.c -- -O1
cachesim $GEOM --cachesim-out-file="$W/ct.cs" "$W/calltree" >/dev/null 2>&1 || fail "calltree: cachesim failed"
grep -q '^# ctx: ' "$W/ct.cs" || fail "calltree: no # ctx: lines"
grep -q '^# stack: ' "$W/ct.cs" && fail "calltree: # stack: lines are the old form"
check_form "$W/ct.cs" || fail "calltree: malformed contexts"
note "calltree: $(grep -c '^# ctx: ' "$W/ct.cs") contexts, well formed"

# Recursion 1000 deep: contexts stop at 400 frames (the deeper calls share
# the 400th context), yet the arcs count every call as Callgrind does.
build recurse_deep recurse_deep.c -- -O1
cachesim $GEOM --cachesim-out-file="$W/deep.cs" "$W/recurse_deep" 1000 >/dev/null 2>&1 || fail "deep: cachesim failed"
valgrind -q --tool=callgrind --separate-recs=1 --callgrind-out-file="$W/deep.cl" "$W/recurse_deep" 1000 >/dev/null 2>&1 ||
    fail "deep: callgrind failed"
check_form "$W/deep.cs" || fail "deep: malformed contexts"
"$CSANN" flamegraph --folded --event=Ir "$W/deep.cs" >"$W/deep.folded" 2>"$W/deep.err" ||
    { cat "$W/deep.err"; fail "deep: csann flamegraph"; }
depth=$(awk '{ n = split($0, w, " "); st = substr($0, 1, length($0) - length(w[n]) - 1)
               k = split(st, f, ";"); d = 0; for (i = 1; i <= k; i++) d += f[i] == "down"
               if (d > max) max = d } END { print max + 0 }' "$W/deep.folded")
# The outermost frames before down: (below main), main, ... ; down fills
# the rest of the 400.
[ "$depth" -gt 390 ] && [ "$depth" -le 400 ] || fail "deep: down is $depth deep in the contexts, want 390-400"
[ "$(grep -c '^# ctx: ' "$W/deep.cs")" -lt 1000 ] || fail "deep: more than 1000 contexts for 1000 frames"
calls_of() {  # PROFILE CALLER CALLEE: the calls= total of that pair
    awk -v a="$2" -v b="$3" '
        function name_of(spec,    id, rest) {
            if (spec ~ /^\([0-9]+\)/) {
                id = substr(spec, 2, index(spec, ")") - 2)
                rest = substr(spec, index(spec, ")") + 1); sub(/^ /, "", rest)
                if (rest != "") names[id] = rest
                return names[id]
            }
            return spec
        }
        /^fn=/ { fn = name_of(substr($0, 4)); next }
        /^cfn=/ { cfn = name_of(substr($0, 5)); next }
        /^calls=/ { if (fn == a && cfn == b) { split(substr($0, 7), c, " "); s += c[1] } }
        END { print s + 0 }' "$1"
}
for pair in "down down" "main down" "main shallow"; do
    # shellcheck disable=SC2086
    got=$(calls_of "$W/deep.cs" $pair); want=$(calls_of "$W/deep.cl" $pair)
    [ "$got" = "$want" ] && [ "$want" -gt 0 ] || fail "deep: $pair: $got calls, Callgrind $want"
done
incl_down=$(cd / && callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$W/deep.cs" 2>/dev/null |
    awk '/recurse_deep.c:down / { v = $1; gsub(",", "", v); print v; exit }')
through=$(awk '{ n = split($0, w, " "); st = substr($0, 1, length($0) - length(w[n]) - 1)
                 if (index(";" st ";", ";down;")) s += w[n] } END { print s + 0 }' "$W/deep.folded")
[ -n "$incl_down" ] && [ "$through" = "$incl_down" ] ||
    fail "deep: stacks through down sum to $through, its inclusive Ir is $incl_down"
note "deep: contexts stop at $depth frames of down; arcs as Callgrind's; stacks through down = its inclusive Ir"

# Parts: the contexts of each part are numbered and named in that part,
# so a part cut out of the file reads on its own as it does in the file.
build regions regions.c -- -O1 -I"$TOP_SRCDIR/include"
cachesim $GEOM --cachesim-out-file="$W/parts.cs" "$W/regions" dump >/dev/null 2>&1 || fail "regions: cachesim failed"
[ "$(grep -c '^part: ' "$W/parts.cs")" -eq 3 ] || fail "regions: expected 3 parts"
check_form "$W/parts.cs" || fail "regions: malformed contexts"
for k in 1 2 3; do
    # The header's promised last line ends the last part only: a part cut
    # out before it gets one.
    { awk -v k=$k '/^part: / { p = $2; started = 1 } !started || p == k' "$W/parts.cs"
      [ $k = 3 ] || echo "# end of profile"; } >"$W/part$k.cs"
    "$CSANN" flamegraph --folded --event=Ir "$W/part$k.cs" >"$W/part$k.alone" 2>"$W/err" ||
        { cat "$W/err"; fail "regions: part $k alone does not read"; }
    "$CSANN" flamegraph --folded --event=Ir --part=$k "$W/parts.cs" >"$W/part$k.in" ||
        fail "regions: csann --part=$k"
    [ -s "$W/part$k.in" ] || fail "regions: part $k has no contexts"
    cmp -s "$W/part$k.alone" "$W/part$k.in" || fail "regions: part $k alone differs from part $k in the file"
done
grep -q 'main;work ' "$W/part1.in" || fail "regions: part 1 has no main;work context"
note "regions: each of 3 parts reads alone as in the file"

# Malformed lines: FILE:LINE: message, exit 1, no crash.
cd "$W" || fail "cd"
first=$(grep -n '^# ctx: ' ct.cs | head -1 | cut -d: -f1)
fnline=$(grep -n '^# ctxfn: ' ct.cs | head -1 | cut -d: -f1)
second=$(grep -n '^# ctx: ' ct.cs | sed -n 2p | cut -d: -f1)
bad() {  # SED-SCRIPT LINE MESSAGE
    sed "$1" ct.cs >bad.cs
    "$CSANN" flamegraph --folded bad.cs >out 2>err; rc=$?
    [ $rc = 1 ] || { cat err; fail "$3: exit $rc, want 1"; }
    grep -q "bad.cs:$2: .*$3" err || { cat err; fail "want bad.cs:$2: $3"; }
}
bad "${first}s/^# ctx: 0 /# ctx: 1 /" "$first" 'the parent (1 up) is not a context'
bad "${first}s/^# ctx: 0 [0-9]* /# ctx: 0 999999 /" "$first" 'function 999999 has no # ctxfn:'
bad "${first}s/^# ctx: .*/# ctx: 0/" "$first" 'wants the lines up to its parent'
bad "${first}s/\$/ 1 2 3 4 5 6 7 8 9 10 11 12 13/" "$first" 'more costs than'
bad "${fnline}s/^# ctxfn: \([0-9]*\) .*/# ctxfn: \1/" "$fnline" 'has no name'
bad "${second}s/^# ctx: \([0-9]*\) \([0-9]*\) \([0-9]*\)/# ctx: \1 \2 1\3/" "[0-9]*" 'the # ctx: lines add up to'
note "contexts: ok"
