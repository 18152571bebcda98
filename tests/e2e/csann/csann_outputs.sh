#!/bin/sh
# csann_outputs: one rule for every file csann writes (merge -o, diff -o,
# check --junit, flamegraph -o, export -o): a regular file or a new name is written
# beside it and renamed into place (its mode kept); a symlink is followed
# and its target written so (the link stays); a device, a FIFO or
# /proc/self/fd/N is written where it is and never replaced; a directory
# is refused.  A report that cannot be written to standard output (a full
# disk) is an error naming it, with a non-zero exit status.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann
cp "$G/diff_old.callgrind" "$G/diff_new.callgrind" "$G/stacks.callgrind" "$G/budgets.txt" \
   "$G/cachesim.out" "$W/" || fail "copy"
cd "$W" || fail "cd"

# A device node of our own (as root; else the system's /dev/full, which
# a non-root csann could not replace anyway).
if [ "$(id -u)" = 0 ] && mknod "$W/full" c 1 7 2>/dev/null; then
    FULL=$W/full
else
    FULL=/dev/full
fi

# write_with KIND TARGET: the command that writes TARGET, for each kind.
write_with() {
    case $1 in
    merge) "$CSANN" merge -o "$2" diff_old.callgrind diff_new.callgrind ;;
    diff) "$CSANN" diff --auto=no -o "$2" diff_old.callgrind diff_new.callgrind >/dev/null ;;
    junit) "$CSANN" check --budgets=budgets.txt --junit="$2" cachesim.out >/dev/null ;;
    svg) "$CSANN" flamegraph -o "$2" stacks.callgrind ;;
    export) "$CSANN" export -o "$2" stacks.callgrind ;;
    esac
}
# What each writes first: how to recognise its output (gzip's magic
# number for the pprof export).
first_line() {
    case $1 in
    merge|diff) echo '# callgrind format' ;;
    junit|svg) echo '<?xml version="1.0" encoding="UTF-8"?>' ;;
    export) echo ' 1f 8b' ;;
    esac
}
# head1 FILE: the first line of FILE, or for the export its first two bytes.
head1() {
    if [ "$kind" = export ]; then od -An -tx1 -N2 "$1"; else head -n 1 "$1"; fi
}
# The exit status check fails with when all is well (1: some item over budget).
ok_status() { [ "$1" = junit ] && echo 1 || echo 0; }

for kind in merge diff junit svg export; do
    ok=$(ok_status $kind)
    head1=$(first_line $kind)

    # A regular file: replaced whole, its mode kept.
    echo old >"$kind.reg" && chmod 640 "$kind.reg"
    write_with $kind "$kind.reg" 2>"$kind.err"; st=$?
    [ "$st" = "$ok" ] || { cat "$kind.err"; fail "$kind: regular file: exit $st"; }
    [ "$(head1 "$kind.reg")" = "$head1" ] || fail "$kind: regular file not written"
    [ "$(stat -c %a "$kind.reg")" = 640 ] || fail "$kind: the file's mode was not kept"
    ls -a | grep -q "^\.$kind\.reg\." && fail "$kind: a temporary file was left behind"

    # A symlink: the target is written, the link stays.
    echo old >"$kind.target" && ln -s "$kind.target" "$kind.link"
    write_with $kind "$kind.link" 2>"$kind.err"; st=$?
    [ "$st" = "$ok" ] || { cat "$kind.err"; fail "$kind: symlink: exit $st"; }
    [ -L "$kind.link" ] || fail "$kind: the symlink was replaced by a file"
    [ "$(head1 "$kind.target")" = "$head1" ] || fail "$kind: the symlink's target was not written"
    # A symlink to a name that does not exist yet: the name is created.
    ln -s "$kind.new" "$kind.dangling"
    write_with $kind "$kind.dangling" 2>"$kind.err" || [ "$ok" = 1 ] || fail "$kind: dangling symlink"
    [ -L "$kind.dangling" ] && [ "$(head1 "$kind.new")" = "$head1" ] ||
        fail "$kind: a symlink to a new name: the link was replaced or the name not written"

    # A device (full): written in place, an error naming it, never replaced.
    write_with $kind "$FULL" 2>"$kind.err"; st=$?
    [ "$st" != 0 ] && [ "$st" != "$ok" ] || fail "$kind: writing to a full device: exit $st"
    grep -q "$FULL: cannot write: No space left on device" "$kind.err" ||
        { cat "$kind.err"; fail "$kind: the message does not name $FULL and why"; }
    [ -c "$FULL" ] || fail "$kind: $FULL was replaced by a file"

    # /proc/self/fd/1 (standard output, a pipe here), directly and by a
    # link; fd 3 for diff and check, whose reports are on their standard output.
    fd=1; case $kind in diff|junit) fd=3;; esac
    write_with $kind /proc/self/fd/$fd 3>&1 2>"$kind.err" | cat >"$kind.fd"
    [ "$(head1 "$kind.fd")" = "$head1" ] || { cat "$kind.err"; fail "$kind: nothing through /proc/self/fd/$fd"; }
    ln -s /proc/self/fd/$fd "$kind.fdlink"
    write_with $kind "$kind.fdlink" 3>&1 2>"$kind.err" | cat >"$kind.fd"
    [ "$(head1 "$kind.fd")" = "$head1" ] || { cat "$kind.err"; fail "$kind: nothing through a link to /proc/self/fd/$fd"; }
    [ -L "$kind.fdlink" ] || fail "$kind: the link to /proc/self/fd/$fd was replaced"

    # A FIFO: written through, still a FIFO.
    mkfifo "$kind.fifo" || fail "mkfifo"
    timeout 10 cat "$kind.fifo" >"$kind.from-fifo" &   # blocks for ever if the FIFO is replaced
    reader=$!
    write_with $kind "$kind.fifo" 2>"$kind.err"; st=$?
    wait $reader
    [ "$st" = "$ok" ] || { cat "$kind.err"; fail "$kind: FIFO: exit $st"; }
    [ -p "$kind.fifo" ] || fail "$kind: the FIFO was replaced"
    [ "$(head1 "$kind.from-fifo")" = "$head1" ] || fail "$kind: nothing came through the FIFO"

    # A directory, and a link to one: refused.
    mkdir "$kind.dir" && ln -s "$kind.dir" "$kind.dirlink"
    for d in "$kind.dir" "$kind.dirlink"; do
        write_with $kind "$d" 2>"$kind.err"; st=$?
        [ "$st" != 0 ] && [ "$st" != "$ok" ] || fail "$kind: a directory as the output: exit $st"
        grep -q "$d: cannot write: it is a directory" "$kind.err" || { cat "$kind.err"; fail "$kind: directory message"; }
    done
    note "$kind: regular file, symlinks, device, /proc/self/fd/$fd, FIFO, directory: as the rule says"
done

# Reports on a full standard output: an error naming it, never exit 0.
expect_status 1 sh -c '"$0" --auto=no cachesim.out >/dev/full' "$CSANN"
grep -q "csann: cannot write the report to standard output: No space left on device" "$W/err" || fail "annotate > /dev/full: $(cat "$W/err")"
expect_status 1 sh -c '"$0" diff --auto=no diff_old.callgrind diff_new.callgrind >/dev/full' "$CSANN"
grep -q "csann diff: cannot write the report to standard output" "$W/err" || fail "diff > /dev/full: $(cat "$W/err")"
expect_status 1 sh -c '"$0" merge diff_old.callgrind diff_new.callgrind >/dev/full' "$CSANN"
grep -q "csann merge: cannot write the merged profile to standard output" "$W/err" || fail "merge > /dev/full: $(cat "$W/err")"
expect_status 2 sh -c '"$0" check --budgets=budgets.txt cachesim.out >/dev/full' "$CSANN"
grep -q "csann check: cannot write the report to standard output: No space left on device" "$W/err" || fail "check > /dev/full: $(cat "$W/err")"
expect_status 1 sh -c '"$0" flamegraph stacks.callgrind >/dev/full' "$CSANN"
grep -q "csann flamegraph: cannot write the flame graph to standard output: No space left on device" "$W/err" ||
    fail "flamegraph > /dev/full: $(cat "$W/err")"
grep -q "I/O error" "$W/err" && fail "libxml2's own message on stderr: $(cat "$W/err")"
expect_status 1 sh -c '"$0" flamegraph --folded stacks.callgrind >/dev/full' "$CSANN"
grep -q "csann flamegraph: cannot write the folded stacks to standard output" "$W/err" || fail "--folded > /dev/full: $(cat "$W/err")"
expect_status 1 sh -c '"$0" export -o - stacks.callgrind >/dev/full' "$CSANN"
grep -q "csann export: cannot write the profile to standard output: No space left on device" "$W/err" || fail "export -o - > /dev/full: $(cat "$W/err")"
note "annotate, diff, merge, check, flamegraph (SVG and folded), export on a full stdout: error, non-zero exit"
