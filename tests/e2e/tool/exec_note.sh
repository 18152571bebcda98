# When the program execs another and Valgrind does not follow it
# (--trace-children=no, the default), cachesim says so on stderr in one
# line naming the new program; with --trace-children=yes it says nothing
# (the new program is profiled); a failed exec says nothing and the run
# goes on to write its profile.
. "$TOP_SRCDIR/tests/lib.sh"
build exec_other exec_other.c
NOTE='cachesim: this process execs'
TAIL='nothing after the exec is profiled (--trace-children=yes follows it)'

# A shell script as the program (the pyenv-shim case: bash execs python).
printf '#!/bin/sh\nexec /bin/echo from-the-exec "$@"\n' >"$W/shim.sh" && chmod +x "$W/shim.sh" || fail "shim"
cachesim --cachesim-out-file="$W/shim.%p.cs" "$W/shim.sh" one two >"$W/shim.out" 2>"$W/shim.err" ||
    { cat "$W/shim.err"; fail "the shim run failed"; }
grep -qx 'from-the-exec one two' "$W/shim.out" || fail "the exec'd program did not run"
[ "$(grep -c "$NOTE" "$W/shim.err")" = 1 ] || { cat "$W/shim.err"; fail "not one exec note"; }
grep -q "$NOTE /bin/echo from-the-exec one two: $TAIL" "$W/shim.err" ||
    { grep "$NOTE" "$W/shim.err"; fail "the note does not name /bin/echo and its arguments"; }
note "$(grep "$NOTE" "$W/shim.err")"

# Followed: no note, and the new program is profiled.
cachesim --trace-children=yes --cachesim-out-file="$W/traced.%p.cs" "$W/shim.sh" >"$W/traced.out" 2>"$W/traced.err" ||
    { cat "$W/traced.err"; fail "the traced run failed"; }
grep -q "$NOTE" "$W/traced.err" && fail "exec note with --trace-children=yes"
grep -q '^cmd: /bin/echo from-the-exec' "$W"/traced.*.cs || fail "with --trace-children=yes, /bin/echo was not profiled"

# A C program calling execv, once on a program and once on none.
cachesim --cachesim-out-file="$W/c.cs" "$W/exec_other" /bin/true x >"$W/c.out" 2>"$W/c.err" ||
    { cat "$W/c.err"; fail "exec_other /bin/true failed"; }
grep -q "$NOTE /bin/true x: $TAIL" "$W/c.err" || { cat "$W/c.err"; fail "no note for execv of /bin/true"; }
[ -e "$W/c.cs" ] && fail "a profile was written although the process was replaced (update this test and the note)"
cachesim --cachesim-out-file="$W/nx.cs" "$W/exec_other" "$W/no-such-program" >"$W/nx.out" 2>"$W/nx.err" ||
    { cat "$W/nx.err"; fail "exec_other of a missing program failed"; }
grep -q 'still here' "$W/nx.out" || fail "the failed exec did not return to the program"
grep -q "$NOTE" "$W/nx.err" && fail "exec note for an exec that failed"
[ -s "$W/nx.cs" ] || fail "no profile after a failed exec"

# A child that execs (fork, then exec): the note comes from the child.
cachesim --cachesim-out-file="$W/fork.%p.cs" /bin/sh -c "/bin/true in-child; echo parent-done" \
    >"$W/fork.out" 2>"$W/fork.err" || { cat "$W/fork.err"; fail "sh -c failed"; }
grep -q "$NOTE /bin/true in-child: $TAIL" "$W/fork.err" || { cat "$W/fork.err"; fail "no note for the child's exec"; }
parent=$(sed -n 's/^==\([0-9]*\)== Command:.*/\1/p' "$W/fork.err")
child=$(sed -n "s/^==\([0-9]*\)== $NOTE.*/\1/p" "$W/fork.err")
[ -n "$parent" ] && [ -n "$child" ] && [ "$parent" != "$child" ] || fail "the note is not the child's (parent $parent, note $child)"
[ -s "$W/fork.$parent.cs" ] || fail "the parent's profile was not written"
