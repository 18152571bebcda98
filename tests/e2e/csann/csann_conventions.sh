# csann reads both conventions of the callgrind format's fi=/fn= state:
#  - profiles of cachesim's earlier writer (golden input
#    tests/golden/csann/old_writer_inlined.callgrind: inline_containers.cc
#    built -O2 -g, --toggle-collect=main --cache-sim=no --branch-sim=no),
#    which start a function with fn= alone after an fi= and so mean "back
#    to the fl= file", as KCachegrind reads them;
#  - Callgrind's, which never depend on that rule.
# csann's reading is taken from its own writer: `csann merge` of the
# profile with itself (every count doubled), read back by flatten.awk.
. "$TOP_SRCDIR/tests/lib.sh"
old=$TOP_SRCDIR/tests/golden/csann/old_writer_inlined.callgrind
[ -x "$CSANN" ] || fail "csann not built ($CSANN)"

# csann_lines PROFILE OUT: csann's per-line Ir of PROFILE, halved back.
csann_lines() {
    "$CSANN" merge -o "$2.twice" "$1" "$1" || fail "csann merge could not read $1"
    flatten "$2.twice" Ir | awk -F '\t' 'BEGIN { OFS = "\t" } { $4 = $4 / 2; print }' >"$2"
}

# The golden input means something else under callgrind_annotate's rule
# (else it would test nothing here).
flatten "$old" Ir >"$W/old.reset"
flatten_as_annotate "$old" Ir >"$W/old.keep"
cmp -s "$W/old.reset" "$W/old.keep" && fail "the golden input reads the same under both rules"
grep -q 'stl_tree\.h	.*_M_get_insert_hint_unique_pos' "$W/old.reset" ||
    fail "the golden input has no line of stl_tree.h in _M_get_insert_hint_unique_pos"
csann_lines "$old" "$W/old.csann"
if ! diff "$W/old.reset" "$W/old.csann" >"$W/old.diff"; then
    head -n 20 "$W/old.diff"
    fail "csann reads the earlier writer's profile otherwise than KCachegrind's rule: $(grep -c '^>' "$W/old.diff") lines"
fi
note "earlier writer: $(wc -l <"$W/old.csann") lines, as KCachegrind reads them"

# Callgrind's profile of the same program: the same under both rules, and
# csann reads it so.
build inline_containers inline_containers.cc -- -O2
"$VG_IN_PLACE" --tool=callgrind --callgrind-out-file="$W/cg.callgrind" "$W/inline_containers" \
    >/dev/null 2>"$W/cg.stderr" || { cat "$W/cg.stderr"; fail "Callgrind failed"; }
grep -q '^fi=' "$W/cg.callgrind" || fail "no fi= in Callgrind's profile"
flatten "$W/cg.callgrind" Ir >"$W/cg.reset"
flatten_as_annotate "$W/cg.callgrind" Ir >"$W/cg.keep"
cmp -s "$W/cg.reset" "$W/cg.keep" || fail "Callgrind's profile depends on the fn= rule"
csann_lines "$W/cg.callgrind" "$W/cg.csann"
if ! diff "$W/cg.reset" "$W/cg.csann" >"$W/cg.diff"; then
    head -n 20 "$W/cg.diff"
    fail "csann reads Callgrind's profile otherwise: $(grep -c '^>' "$W/cg.diff") lines"
fi
note "Callgrind: $(wc -l <"$W/cg.csann") lines, the same under both rules and in csann"
