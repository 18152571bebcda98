# csann cpu: the list of presets; a preset printed as a description file
# that the tool reads back as the same model (the fingerprint's hash); a
# description made from hwloc's XML (a real lstopo 2.9 file and a
# hand-written hwloc 1.x one) against golden outputs, and read by the
# tool; the errors of each.
. "$TOP_SRCDIR/tests/lib.sh"
G=$TOP_SRCDIR/tests/golden/csann

"$CSANN" cpu >"$W/list" 2>&1 || fail "csann cpu failed"
for p in cachegrind skylake icelake zen3; do
    grep -q "^  $p " "$W/list" || fail "csann cpu does not list $p"
done

# Each preset prints as a file that parses back to the same model: the
# tool's fingerprint of --cpu=FILE equals that of --cpu=NAME.
build loops loops.c -- -O1
fp() { sed -n 's/^desc: Fingerprint: .*\(cpu=[^ ]*\).*/\1/p' "$1"; }
for p in skylake icelake zen3; do
    "$CSANN" cpu $p >"$W/$p.cpu" || fail "csann cpu $p failed"
    grep -q "^# .*http" "$W/$p.cpu" || fail "csann cpu $p prints no sources"
    cachesim --cpu=$p --cachesim-out-file="$W/$p.named" "$W/loops" >/dev/null 2>&1 || fail "--cpu=$p failed"
    cachesim --cpu="$W/$p.cpu" --cachesim-out-file="$W/$p.file" "$W/loops" >/dev/null 2>&1 || fail "--cpu=$p.cpu failed"
    [ -n "$(fp "$W/$p.named")" ] || fail "no cpu= in $p's fingerprint"
    [ "$(fp "$W/$p.named")" = "$(fp "$W/$p.file")" ] || fail "$p printed and read back is another model"
    flatten "$W/$p.named" "Ir I1mr I2mr D1mr D2mr DLmr D1wb" >"$W/$p.named.flat"
    flatten "$W/$p.file" "Ir I1mr I2mr D1mr D2mr DLmr D1wb" >"$W/$p.file.flat"
    cmp -s "$W/$p.named.flat" "$W/$p.file.flat" || fail "$p printed and read back counts differently"
done
# An edited copy is another model: the hash changes with a latency.
sed 's/^memory latency=246/memory latency=300/' "$W/skylake.cpu" >"$W/edited.cpu"
cachesim --cpu="$W/edited.cpu" --cachesim-out-file="$W/edited.cs" "$W/loops" >/dev/null 2>&1 || fail "edited copy rejected"
[ "$(fp "$W/edited.cs")" != "$(fp "$W/skylake.named")" ] || fail "an edited description has the same fingerprint"

# From hwloc: the golden descriptions (from the fixtures' own folder, so
# that the path in the first comment is the same everywhere).
for f in xeon-vm skylake-hwloc1; do
    (cd "$G/hwloc" && "$CSANN" cpu --from-hwloc=$f.xml) >"$W/$f.cpu" 2>"$W/$f.err" ||
        { cat "$W/$f.err"; fail "--from-hwloc=$f.xml failed"; }
    if [ "${CSANN_REGOLD:-0}" = 1 ]; then cp "$W/$f.cpu" "$G/expected/cpu_hwloc_$f.txt"; fi
    diff -u "$G/expected/cpu_hwloc_$f.txt" "$W/$f.cpu" || fail "--from-hwloc=$f.xml differs from its golden output"
    cachesim --cpu="$W/$f.cpu" --cachesim-out-file="$W/$f.cs" "$W/loops" >/dev/null 2>"$W/$f.run" ||
        { cat "$W/$f.run"; fail "the tool rejects the description made from $f.xml"; }
done
grep -q "^LL  size=8M assoc=16 line=64 policy=lru latency=40 inclusion=inclusive$" "$W/skylake-hwloc1.cpu" ||
    fail "the hwloc 1.x L3 (Inclusive=1) is not an inclusive 8 MB LL"
grep -q "^D1  size=48K assoc=12" "$W/xeon-vm.cpu" || fail "the lstopo file's 48 KB 12-way L1d is lost"

# Errors: exit 1 and a message naming the file (and line, for XML).
expect_err() {  # expect_err TEXT ARGS...
    text=$1; shift
    if "$CSANN" cpu "$@" >"$W/out" 2>"$W/err"; then fail "accepted: csann cpu $*"; fi
    grep -q -- "$text" "$W/err" || { cat "$W/err"; fail "no '$text' for csann cpu $*"; }
}
expect_err "no preset 'pentium'; the presets are: cachegrind skylake icelake zen3" pentium
printf '<topology>\n  <object type="Machine">\n' >"$W/cut.xml"
expect_err "$W/cut.xml:3: not well-formed XML" --from-hwloc="$W/cut.xml"
printf '<svg/>\n' >"$W/svg.xml"
expect_err "not an hwloc topology (its root element is <svg>" --from-hwloc="$W/svg.xml"
printf '<topology><object type="Machine"/></topology>\n' >"$W/nocache.xml"
expect_err "the topology has no L1 instruction cache" --from-hwloc="$W/nocache.xml"
sed 's/cache_associativity="16"/cache_associativity="0"/' "$G/hwloc/skylake-hwloc1.xml" >"$W/noassoc.xml"
expect_err "the LL cache's associativity is unknown" --from-hwloc="$W/noassoc.xml"
expect_err "$W/none.xml: cannot open" --from-hwloc="$W/none.xml"
expect_err "give a preset name or --from-hwloc, not both" skylake --from-hwloc=x.xml
"$CSANN" cpu a b >/dev/null 2>&1
[ $? -eq 2 ] || fail "two presets: want exit 2 (a usage error)"
note "csann cpu as expected"
