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
