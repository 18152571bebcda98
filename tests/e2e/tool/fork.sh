# A program that forks: every process writes its own profile.
#   - With a name without %p the child, whose name would be its parent's,
#     writes NAME.PID, and says so; with %p each has its own name anyway.
#   - A child's profile starts at the fork: it holds what the child ran
#     (in_child), the parent's holds the rest (before_fork, in_parent), so
#     csann merge of the two counts every instruction once.  The counts of
#     in_child are Cachegrind's for the same child.
#   - A forked child that execs a program Valgrind follows keeps its
#     NAME.PID across the exec (NAME.PID.exec-1 before it).
. "$TOP_SRCDIR/tests/lib.sh"
build fork_work fork_work.c -- -O1
NOTE='cachesim: this process was forked from one that writes'

# fn_ir REPORT FUNCTION: FUNCTION's Ir in a csann report (0 if absent).
fn_ir() {
    awk -v fn="$2" '$0 ~ (":" fn "( |$)") { gsub(/,/, "", $1); print $1; found = 1; exit }
                    END { if (!found) print 0 }' "$1"
}
report() { "$CSANN" --auto=no --show=Ir --threshold=0 "$1" >"$1.txt" 2>"$1.err" || { cat "$1.err"; fail "csann cannot read $1"; }; }

# A fixed name: the parent's profile no longer overwrites the child's.
cachesim $GEOM --cachesim-out-file="$W/fixed.cs" "$W/fork_work" >"$W/fixed.out" 2>"$W/fixed.err" ||
    { cat "$W/fixed.err"; fail "the run failed"; }
child=$(sed -n 's/^child //p' "$W/fixed.out")
[ -n "$child" ] || fail "no child pid"
grep -q "==$child== $NOTE $W/fixed.cs (--cachesim-out-file has no %p): its profile goes to $W/fixed.cs.$child\$" "$W/fixed.err" ||
    { cat "$W/fixed.err"; fail "no note from the child naming its profile"; }
[ "$(grep -c "$NOTE" "$W/fixed.err")" = 1 ] || fail "not one note"
report "$W/fixed.cs"
report "$W/fixed.cs.$child"
for f in before_fork in_parent; do
    [ "$(fn_ir "$W/fixed.cs.txt" $f)" -gt 0 ] || fail "$f is not in the parent's profile"
    [ "$(fn_ir "$W/fixed.cs.$child.txt" $f)" = 0 ] || fail "$f is in the child's profile"
done
[ "$(fn_ir "$W/fixed.cs.$child.txt" in_child)" -gt 0 ] || fail "in_child is not in the child's profile"
[ "$(fn_ir "$W/fixed.cs.txt" in_child)" = 0 ] || fail "in_child is in the parent's profile"
note "fixed name: fixed.cs (parent), fixed.cs.$child (child)"

# Merged, the two are the whole run: their sum.
"$CSANN" merge -o "$W/merged.cs" "$W/fixed.cs" "$W/fixed.cs.$child" 2>/dev/null || fail "csann merge failed"
report "$W/merged.cs"
total() { awk '/PROGRAM TOTALS/ { gsub(/,/, "", $1); print $1; exit }' "$1"; }
[ "$(total "$W/merged.cs.txt")" = $(( $(total "$W/fixed.cs.txt") + $(total "$W/fixed.cs.$child.txt") )) ] ||
    fail "the merged total is not the sum of the two"
for f in before_fork in_child in_parent; do
    [ "$(fn_ir "$W/merged.cs.txt" $f)" = $(( $(fn_ir "$W/fixed.cs.txt" $f) + $(fn_ir "$W/fixed.cs.$child.txt" $f) )) ] ||
        fail "merged: $f counted more than once"
done

# With %p: a profile per pid, no note; in_child as Cachegrind counts it.
cachesim $GEOM --cachesim-out-file="$W/pid.%p.cs" "$W/fork_work" >"$W/pid.out" 2>"$W/pid.err" ||
    { cat "$W/pid.err"; fail "the %p run failed"; }
child=$(sed -n 's/^child //p' "$W/pid.out")
parent=$(sed -n 's/^==\([0-9]*\)== Command:.*/\1/p' "$W/pid.err")
grep -q "$NOTE" "$W/pid.err" && fail "a note although the names differ"
report "$W/pid.$parent.cs"
report "$W/pid.$child.cs"
[ "$(fn_ir "$W/pid.$child.cs.txt" before_fork)" = 0 ] || fail "%p: before_fork is in the child's profile"
"$VG_IN_PLACE" --tool=cachegrind --cache-sim=yes --branch-sim=yes $GEOM --cachegrind-out-file="$W/cg.%p" \
    "$W/fork_work" >"$W/cg.out" 2>/dev/null || fail "Cachegrind failed"
cgchild=$(sed -n 's/^child //p' "$W/cg.out")
"$CSANN" --auto=no --show=Ir --threshold=0 "$W/cg.$cgchild" >"$W/cg.child.txt" 2>/dev/null || fail "csann cannot read Cachegrind's profile"
# All 13 events of in_child, as "file:function counts...".
all_counts() {
    "$CSANN" --auto=no --show-percs=no --threshold=0 "$1" 2>/dev/null |
        awk '/:in_child( |$)/ { for (i = 1; i <= 13; i++) printf "%s ", $i; print "" }'
}
cs_row=$(all_counts "$W/pid.$child.cs"); cg_row=$(all_counts "$W/cg.$cgchild")
[ -n "$cs_row" ] && [ "$cs_row" = "$cg_row" ] || fail "in_child: '$cs_row', Cachegrind '$cg_row'"
[ "$(fn_ir "$W/cg.child.txt" before_fork)" -gt 0 ] || fail "Cachegrind's child no longer repeats before_fork (update the docs)"
note "%p: pid.$parent.cs, pid.$child.cs; in_child as in Cachegrind: $cs_row"

# Fork, then an exec that Valgrind follows: the child keeps NAME.PID.
cachesim $GEOM --trace-children=yes --cachesim-out-file="$W/fx.cs" "$W/fork_work" exec /bin/true \
    >"$W/fx.out" 2>"$W/fx.err" || { cat "$W/fx.err"; fail "the fork-exec run failed"; }
child=$(sed -n 's/^child //p' "$W/fx.out")
for f in fx.cs fx.cs.$child fx.cs.$child.exec-1; do
    report "$W/$f"
done
[ "$(ls "$W"/fx.cs* | grep -vc '\.txt$\|\.err$')" = 3 ] || { ls "$W"/fx.cs*; fail "not three profiles"; }
grep -qx 'cmd: /bin/true' "$W/fx.cs.$child" || fail "fx.cs.$child is not /bin/true's"
[ "$(fn_ir "$W/fx.cs.$child.exec-1.txt" in_child)" -gt 0 ] || fail "in_child is not in the child's profile before its exec"
note "fork then followed exec: fx.cs, fx.cs.$child.exec-1, fx.cs.$child"
