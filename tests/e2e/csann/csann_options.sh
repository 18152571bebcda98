#!/bin/sh
# csann_options: usage errors (exit 2), missing files, parts and events (exit 1/2),
# --help/--version, the annotate subcommand, and the source warnings
# (source newer than the profile, lines past the end of the source).
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/golden/csann/helpers.sh"
G=$TOP_SRCDIR/tests/golden/csann
P=$W/hand.callgrind
cp "$G/hand.callgrind" "$G/cachegrind.out" "$W/" && cp -R "$G/src" "$W/src" || fail "copy"

expect_status 0 "$CSANN" --help
for opt in --show --sort --threshold --show-percs --auto --context --include \
           --inclusive --derive --part; do
    grep -q -- "$opt" "$W/out" || fail "--help does not mention $opt"
done
expect_status 0 "$CSANN" annotate --help
expect_status 0 "$CSANN" --version
grep -q '^csann (cachesim) ' "$W/out" || fail "--version output"

expect_status 2 "$CSANN"
expect_status 2 "$CSANN" --bogus "$P"
grep -q "unknown option '--bogus'" "$W/err" || fail "unknown option message"
expect_status 2 "$CSANN" --threshold=abc "$P"
expect_status 2 "$CSANN" --threshold=101 "$P"
expect_status 2 "$CSANN" --show-percs=maybe "$P"
expect_status 2 "$CSANN" --auto=1 "$P"
expect_status 2 "$CSANN" --inclusive=on "$P"
expect_status 2 "$CSANN" --context=-1 "$P"
expect_status 2 "$CSANN" "$P" --context
expect_status 2 "$CSANN" "$P" -I
expect_status 2 "$CSANN" --show=Ir,Nope "$P"
grep -q "no event or derived column 'Nope'" "$W/err" || fail "--show message"
expect_status 2 "$CSANN" --sort=Nope "$P"
expect_status 2 "$CSANN" --derive=D1mr/Nope "$P"
expect_status 2 "$CSANN" --derive=Ir=Dr "$P"
expect_status 2 "$CSANN" --derive=a/b/c "$P"

expect_status 1 "$CSANN" "$W/missing.out"
grep -q "missing.out: cannot open: No such file" "$W/err" || fail "missing file message"
expect_status 1 "$CSANN" --part=3 "$P"
grep -q "no part '3' (the file has 2 parts)" "$W/err" || fail "--part message"
expect_status 1 "$CSANN" --part=nolabel "$P"

# The subcommand word is optional; "--" ends the options.
expect_status 0 "$CSANN" --auto=no "$P"; cp "$W/out" "$W/plain"
expect_status 0 "$CSANN" annotate --auto=no "$P"
cmp -s "$W/out" "$W/plain" || fail "'csann annotate' differs from 'csann'"
cp "$P" "$W/-dash.out"
(cd "$W" && "$CSANN" --auto=no -- -dash.out) >/dev/null || fail "-- before a profile name"

# --inclusive=yes without calls= data: a warning, costs still shown.
expect_status 0 "$CSANN" --inclusive=yes --auto=no "$W/cachegrind.out"
grep -q "no calls= lines" "$W/err" || fail "no warning for --inclusive without calls"

# A source newer than the profile gets a warning in its section.
touch -t 200001010000 "$P"
touch "$W/src/hand.c"
expect_status 0 "$CSANN" -I "$W/src" "$P"
grep -q "@@ WARNING: .*hand.c is newer than the profile" "$W/out" || fail "no newer-source warning"
touch "$P"
touch -t 200001010000 "$W"/src/*
expect_status 0 "$CSANN" -I "$W/src" "$P"
grep -q "newer than the profile" "$W/out" && fail "warning for an older source"

# A source shorter than the profile says: bogus lines, with a warning.
head -n 20 "$G/src/hand.c" >"$W/src/hand.c"
touch -t 200001010000 "$W/src/hand.c"
expect_status 0 "$CSANN" -I "$W/src" --show=Ir "$P"
grep -q "has only 20 lines" "$W/out" || fail "no warning for lines past the end"
grep -q "<bogus line 37>" "$W/out" || fail "no bogus line row"

# Files that cannot be found are listed with a hint about -I.
expect_status 0 "$CSANN" "$P"
grep -q "could not be found" "$W/out" && grep -q -- "-I DIR" "$W/out" || fail "not-found hint"
# An event that is not there: diff names both profiles (it said "(null)").
cp "$G/diff_old.callgrind" "$G/diff_new.callgrind" "$W/" || fail "copy"
for opt in --sort --show; do
    expect_status 2 "$CSANN" diff $opt=NoSuchEvent "$W/diff_old.callgrind" "$W/diff_new.callgrind"
    grep -q "csann diff: $opt: no event 'NoSuchEvent' in $W/diff_old.callgrind and $W/diff_new.callgrind (their events: Ir Dr Dw D1mr)" "$W/err" ||
        fail "diff $opt=NoSuchEvent: $(cat "$W/err")"
done
note "options behave"
