# helpers.sh - shared by tests/e2e/csann_*.sh (sourced after tests/lib.sh).

# fn_table N < REPORT: the file:function table of a csann, cg_annotate or
# callgrind_annotate report as sorted "file:function<TAB>count..." lines,
# percentages and " [object]" labels removed, "." read as 0, and rows with
# the same label summed (callgrind_annotate merges objects).
fn_table() {
    awk -v n="$1" '
        /file:function/ { intable = 1; skip = 1; next }
        intable && skip { skip = 0; next }
        intable && /^[ \t]*$/ { intable = 0; next }
        intable {
            line = $0
            gsub(/\( *[0-9.]+%\)/, "", line)
            k = split(line, f, /[ \t]+/)
            i = 1; if (f[1] == "") i = 2
            key = ""
            for (j = 0; j < n; j++) { v = f[i + j]; gsub(/,/, "", v); if (v == ".") v = 0; vals[j] = v }
            label = ""
            for (j = i + n; j <= k; j++) label = label (label == "" ? "" : " ") f[j]
            sub(/ \[[^]]*\]$/, "", label)
            for (j = 0; j < n; j++) sum[label, j] += vals[j]
            seen[label] = 1
        }
        END {
            for (l in seen) {
                s = l "\t"
                for (j = 0; j < n; j++) s = s (j ? " " : "") sum[l, j]
                print s
            }
        }' | LC_ALL=C sort
}

# expect_status WANT CMD...: runs CMD, fails unless its exit status is WANT.
expect_status() {
    want=$1; shift
    "$@" >"$W/out" 2>"$W/err"
    got=$?
    [ "$got" -eq "$want" ] || { cat "$W/err" >&2; fail "exit $got (want $want): $*"; }
}
