# helpers.sh - shared by tests/e2e/csann/*.sh (sourced after tests/lib.sh).

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

# check_xml FILE: fails unless FILE is well-formed XML (xmllint, else a
# tiny libxml2 checker compiled into $W).
check_xml() {
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout "$1" || fail "$1 is not well-formed (xmllint)"
        return
    fi
    if [ ! -x "$W/wf" ]; then
        printf '%s\n' '#include <libxml/parser.h>' \
            'int main(int argc, char **argv) { xmlDocPtr d = xmlReadFile(argv[1], NULL, 0); if (!d) return 1; xmlFreeDoc(d); return 0; }' >"$W/wf.c"
        # shellcheck disable=SC2046
        ${CC:-gcc} -o "$W/wf" "$W/wf.c" $(pkg-config --cflags --libs libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2 -lxml2) ||
            fail "cannot build the XML checker"
    fi
    "$W/wf" "$1" || fail "$1 is not well-formed (libxml2)"
}
