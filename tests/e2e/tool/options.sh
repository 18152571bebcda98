# Options: help text, bad values, bad geometry, unknown options, output
# names, unwritable paths, targets that are not regular files.
. "$TOP_SRCDIR/tests/lib.sh"
expect_error() {  # expect_error 'text' ARGS...: non-zero exit and text on stderr
    text=$1; shift
    if cachesim "$@" /bin/true >"$W/out" 2>"$W/err"; then fail "accepted: $*"; fi
    grep -q -- "$text" "$W/err" || { cat "$W/err"; fail "no '$text' for: $*"; }
}
cachesim --help >"$W/help" 2>&1 || fail "--help failed"
for opt in --I1 --D1 --LL --cache-sim --branch-sim --dump-instr --cachesim-out-file; do
    grep -q -- "$opt" "$W/help" || fail "--help does not list $opt"
done
expect_error "Unknown option: --bogus=1" --bogus=1
expect_error "Invalid boolean value 'maybe'" --cache-sim=maybe
expect_error "set count is not a power of two" --D1=32768,3,64
expect_error "line size is too small" --I1=32768,8,8
expect_error "line size is not a power of two" --LL=786432,16,48
expect_error "size <= line size" --D1=64,1,64
expect_error "expected <size>,<associativity>,<line_size>" --LL=1048576,16
expect_error "expected <size>,<associativity>,<line_size>" --I1=abc
expect_error "associativity is zero" --D1=32768,0,64
# Right syntax, a size over the limit: the message says what the limit is.
expect_error "the size is too large: at most 2147483647 bytes" --D1=34359738368,8,64
expect_error "the size is too large: at most 2147483647 bytes" --LL=2147483648,16,64
expect_error "minimum line size (16)" --D1=32768,8,16
expect_error "cannot write the profile '/nonexistent-dir/x.out': no such file or directory" \
    --cachesim-out-file=/nonexistent-dir/x.out
# The name is expanded: %p is the pid, %q{VAR} an environment variable.
( cd "$W" && CS_TAG=hello cachesim $GEOM --cachesim-out-file='out.%q{CS_TAG}.%p' /bin/true >/dev/null 2>&1 ) ||
    fail "run with %q{} failed"
ls "$W"/out.hello.[0-9]* >/dev/null 2>&1 || fail "%q{CS_TAG}/%p not expanded"
# Default name cachesim.out.<pid> in the current directory.
( cd "$W" && cachesim $GEOM /bin/true >/dev/null 2>&1 ) || fail "default run failed"
ls "$W"/cachesim.out.[0-9]* >/dev/null 2>&1 || fail "no cachesim.out.<pid>"
# No temporary file is left behind.
if ls "$W"/*cachesim-tmp* >/dev/null 2>&1; then fail "temporary file left behind"; fi
# /dev/null is written to, not replaced.
cachesim $GEOM --cachesim-out-file=/dev/null /bin/true >/dev/null 2>&1 || fail "/dev/null target failed"
[ -c /dev/null ] || fail "/dev/null was replaced"
# A FIFO gets the whole profile.
mkfifo "$W/fifo"
cat "$W/fifo" >"$W/from-fifo" &
cachesim $GEOM --cachesim-out-file="$W/fifo" /bin/true >/dev/null 2>&1 || fail "FIFO target failed"
wait
[ -p "$W/fifo" ] || fail "the FIFO was replaced"
grep -q "^totals: " "$W/from-fifo" || fail "the FIFO did not get the whole profile"
# A failed write (the device is full) is an error, with a non-zero exit.
if cachesim $GEOM --cachesim-out-file=/dev/full /bin/true >/dev/null 2>"$W/err"; then fail "/dev/full accepted"; fi
grep -q "writing the profile '/dev/full' failed: no space left on device" "$W/err" || { cat "$W/err"; fail "no message for /dev/full"; }
# A directory is refused before the program runs (a link to one too).
mkdir "$W/adir" && ln -s adir "$W/adir-link"
for d in adir adir-link; do
    if cachesim $GEOM --cachesim-out-file="$W/$d" sh -c 'echo the-program-ran' >"$W/out" 2>"$W/err"; then
        fail "--cachesim-out-file=$d (a directory) accepted"
    fi
    grep -q "cannot write the profile '$W/$d': it is a directory" "$W/err" || { cat "$W/err"; fail "no message for $d"; }
    grep -q the-program-ran "$W/out" && fail "the program ran although the profile cannot be written to $d"
done
# A symlink: its target is written, the link stays.
echo old >"$W/link-target" && ln -s link-target "$W/link"
cachesim $GEOM --cachesim-out-file="$W/link" /bin/true >/dev/null 2>&1 || fail "symlink target failed"
[ -L "$W/link" ] || fail "the symlink was replaced"
[ "$(head -n 1 "$W/link-target")" = "# callgrind format" ] || fail "the symlink's target was not written"
# A temporary left by a run killed while writing (NAME.cachesim-tmp-PID)
# is removed by the next write to NAME, once process PID is gone; others'
# stay (a running process's, names that only look alike).
dead=$(sh -c 'echo $$')
for t in "$dead" $$ 12x; do echo partial >"$W/p.out.cachesim-tmp-$t"; done
cachesim $GEOM --cachesim-out-file="$W/p.out" /bin/true >/dev/null 2>"$W/err" || fail "run over leftovers failed"
[ -e "$W/p.out.cachesim-tmp-$dead" ] && fail "the dead process's temporary was not removed"
grep -q "cachesim: removed $W/p.out.cachesim-tmp-$dead, left by process $dead" "$W/err" || { cat "$W/err"; fail "no note for the removed temporary"; }
[ -e "$W/p.out.cachesim-tmp-$$" ] && [ -e "$W/p.out.cachesim-tmp-12x" ] || fail "a temporary that is not a leftover was removed"
rm -f "$W"/p.out*
# When the output directory disappears during the run, an earlier profile
# elsewhere is untouched and the error is reported.
mkdir "$W/gone"
if cachesim $GEOM --cachesim-out-file="$W/gone/p.out" sh -c "rm -rf '$W/gone'" >/dev/null 2>"$W/err"; then
    fail "a failed write exited 0"
fi
grep -q "cannot write the profile" "$W/err" || { cat "$W/err"; fail "no message when the directory vanished"; }
# The summary still shows the run's counts: the same as when the profile
# can be written.
cachesim $GEOM --cachesim-out-file="$W/p.out" sh -c "rm -rf '$W/gone'" >/dev/null 2>"$W/err-ok" ||
    fail "the same run with a writable profile failed"
summary() { sed -n 's/^==[0-9]*== \([A-Za-z0-9 ]*\(refs\|misses\|Branches\|Mispredicts\):.*\)/\1/p' "$1"; }
[ -n "$(summary "$W/err-ok")" ] || fail "no summary in the tool's output"
[ "$(summary "$W/err")" = "$(summary "$W/err-ok")" ] ||
    { summary "$W/err"; fail "the summary after a failed write is not the run's"; }
# The client's exit status is passed through.
cachesim $GEOM --cachesim-out-file=/dev/null sh -c 'exit 7' >/dev/null 2>&1
[ $? -eq 7 ] || fail "exit status not passed through"
