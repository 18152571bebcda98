# When the program execs, the counts so far are written first, and a note
# says where:
#   - not followed (--trace-children=no, the default): to the profile's own
#     name (nothing else of the process is profiled), and the note says that
#     the new program is not profiled;
#   - followed (--trace-children=yes): to NAME.exec-N, N counting the
#     programs of the process, since the new program keeps the pid and so
#     the name, which its profile takes at the end.
# A failed exec writes nothing, says nothing, and the run goes on counting.
. "$TOP_SRCDIR/tests/lib.sh"
build exec_other exec_other.c
NOTE='cachesim: this process execs'
TAIL='nothing after the exec is profiled (--trace-children=yes follows it)'

# check_profile FILE CMD TRIGGER: a complete profile (csann reads it) of
# CMD, whose last part is labelled TRIGGER.
check_profile() {
    [ -s "$1" ] || fail "no profile $1"
    "$CSANN" --auto=no --threshold=0 "$1" >"$W/report" 2>"$W/report.err" ||
        { cat "$W/report.err"; fail "csann cannot read $1"; }
    grep -qx "cmd: $2" "$1" || fail "$1: not a profile of '$2': $(grep '^cmd:' "$1")"
    [ "$(grep '^desc: Trigger:' "$1" | tail -n 1)" = "desc: Trigger: $3" ] ||
        fail "$1: trigger $(grep '^desc: Trigger:' "$1"), want '$3'"
}
# ir FILE: its total Ir.
ir() { sed -n 's/^summary: \([0-9]*\).*/\1/p' "$1" | awk '{ s += $1 } END { print s + 0 }'; }

# A shell script as the program (the pyenv-shim case: sh execs echo).
printf '#!/bin/sh\nexec /bin/echo from-the-exec "$@"\n' >"$W/shim.sh" && chmod +x "$W/shim.sh" || fail "shim"
cachesim --cachesim-out-file="$W/shim.%p.cs" "$W/shim.sh" one two >"$W/shim.out" 2>"$W/shim.err" ||
    { cat "$W/shim.err"; fail "the shim run failed"; }
grep -qx 'from-the-exec one two' "$W/shim.out" || fail "the exec'd program did not run"
pid=$(sed -n 's/^==\([0-9]*\)== Command:.*/\1/p' "$W/shim.err")
[ "$(grep -c "$NOTE" "$W/shim.err")" = 1 ] || { cat "$W/shim.err"; fail "not one exec note"; }
grep -q "$NOTE /bin/echo from-the-exec one two: $TAIL; the counts up to the exec are in $W/shim.$pid.cs\$" "$W/shim.err" ||
    { grep "$NOTE" "$W/shim.err"; fail "the note does not name /bin/echo, its arguments and the profile"; }
check_profile "$W/shim.$pid.cs" "$W/shim.sh one two" "Before exec of /bin/echo"
[ "$(ir "$W/shim.$pid.cs")" -gt 10000 ] || fail "the shell's counts are not in its profile"
note "$(grep "$NOTE" "$W/shim.err")"

# Followed: the counts before each exec go to NAME.exec-N; the last
# program's to NAME.  Here sh execs sh, which execs echo.
printf '#!/bin/sh\nexec /bin/sh -c "exec /bin/echo from-the-second-exec"\n' >"$W/shim2.sh" && chmod +x "$W/shim2.sh" || fail "shim2"
cachesim --trace-children=yes --cachesim-out-file="$W/traced.%p.cs" "$W/shim2.sh" >"$W/traced.out" 2>"$W/traced.err" ||
    { cat "$W/traced.err"; fail "the traced run failed"; }
grep -qx from-the-second-exec "$W/traced.out" || fail "the second exec'd program did not run"
pid=$(sed -n '1s/^==\([0-9]*\)==.*/\1/p' "$W/traced.err")
grep -q "$NOTE /bin/sh -c exec /bin/echo from-the-second-exec (followed: --trace-children=yes); its counts up to the exec are in $W/traced.$pid.cs.exec-1\$" "$W/traced.err" ||
    { grep "$NOTE" "$W/traced.err"; fail "no note for the first followed exec"; }
grep -q "$NOTE /bin/echo from-the-second-exec (followed: --trace-children=yes); its counts up to the exec are in $W/traced.$pid.cs.exec-2\$" "$W/traced.err" ||
    { grep "$NOTE" "$W/traced.err"; fail "no note for the second followed exec"; }
check_profile "$W/traced.$pid.cs.exec-1" "$W/shim2.sh" "Before exec of /bin/sh"
check_profile "$W/traced.$pid.cs.exec-2" "/bin/sh -c exec /bin/echo from-the-second-exec" "Before exec of /bin/echo"
check_profile "$W/traced.$pid.cs" "/bin/echo from-the-second-exec" "Program termination"
[ "$(ls "$W"/traced.*.cs* | wc -l)" = 3 ] || { ls "$W"/traced.*; fail "not three profiles"; }
note "followed: $(cd "$W" && echo traced.$pid.*)"

# A C program calling execv, once on a program and once on none.
cachesim --cachesim-out-file="$W/c.cs" "$W/exec_other" /bin/true x >"$W/c.out" 2>"$W/c.err" ||
    { cat "$W/c.err"; fail "exec_other /bin/true failed"; }
grep -q "$NOTE /bin/true x: $TAIL; the counts up to the exec are in $W/c.cs\$" "$W/c.err" || { cat "$W/c.err"; fail "no note for execv of /bin/true"; }
check_profile "$W/c.cs" "$W/exec_other /bin/true x" "Before exec of /bin/true"
grep -q ':main \[' "$W/report" || fail "main is not in the profile before the exec"
cachesim --cachesim-out-file="$W/nx.cs" "$W/exec_other" "$W/no-such-program" >"$W/nx.out" 2>"$W/nx.err" ||
    { cat "$W/nx.err"; fail "exec_other of a missing program failed"; }
grep -q 'still here' "$W/nx.out" || fail "the failed exec did not return to the program"
grep -q "$NOTE" "$W/nx.err" && fail "exec note for an exec that failed"
check_profile "$W/nx.cs" "$W/exec_other $W/no-such-program" "Program termination"
# The counts go on after the failed exec: printf's are in the profile.
grep -q ':printf \[' "$W/report" || fail "no counts after the failed exec (printf)"
[ "$(ls "$W"/nx.cs* | wc -l)" = 1 ] || { ls "$W"/nx.cs*; fail "files other than the profile after a failed exec"; }

# A child that execs (fork, then exec): the note comes from the child,
# whose counts up to the exec are in its own profile.
cachesim --cachesim-out-file="$W/fork.%p.cs" /bin/sh -c "/bin/true in-child; echo parent-done" \
    >"$W/fork.out" 2>"$W/fork.err" || { cat "$W/fork.err"; fail "sh -c failed"; }
grep -q "$NOTE /bin/true in-child: $TAIL" "$W/fork.err" || { cat "$W/fork.err"; fail "no note for the child's exec"; }
parent=$(sed -n 's/^==\([0-9]*\)== Command:.*/\1/p' "$W/fork.err")
child=$(sed -n "s/^==\([0-9]*\)== $NOTE.*/\1/p" "$W/fork.err")
[ -n "$parent" ] && [ -n "$child" ] && [ "$parent" != "$child" ] || fail "the note is not the child's (parent $parent, note $child)"
check_profile "$W/fork.$parent.cs" "/bin/sh -c /bin/true in-child; echo parent-done" "Program termination"
check_profile "$W/fork.$child.cs" "/bin/sh -c /bin/true in-child; echo parent-done" "Before exec of /bin/true"
note "fork then exec: the child's counts up to the exec in fork.$child.cs"
