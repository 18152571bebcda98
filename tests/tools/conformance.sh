# conformance.sh - the checks of tests/e2e/conformance_*.sh (sourced after
# tests/lib.sh).

# kcachegrind_rules PROFILE: fails where KCachegrind would read PROFILE
# otherwise than csann and callgrind_annotate (see kcachegrind_rules.awk).
kcachegrind_rules() {
    awk -f "$TOP_SRCDIR/tests/tools/kcachegrind_rules.awk" "$1" >"$1.kcg" || fail "kcachegrind_rules.awk failed"
    if [ -s "$1.kcg" ]; then
        head -n 10 "$1.kcg"
        fail "$(basename "$1"): $(wc -l <"$1.kcg") lines that KCachegrind reads otherwise"
    fi
}

# conformance NAME: after run_pair NAME, every reader of $W/NAME.cs gives
# Cachegrind's per-line counts of the same run ($W/NAME.cg.flat):
#   - with KCachegrind's and csann's rule (fn= returns to the fl= file): all
#     events, per file, function and line;
#   - with callgrind_annotate's rule (the fi= file stays in force across fn=):
#     the same;
#   - callgrind_annotate itself: --auto=yes prints no warning, and the Ir of
#     each line of its annotated sources equals Cachegrind's for that line;
#   - nothing that KCachegrind's loader would read otherwise.
conformance() {
    expect_same_lines "$1"
    kcachegrind_rules "$W/$1.cs"
    flatten_as_annotate "$W/$1.cs" >"$W/$1.cs.annflat"
    if ! diff "$W/$1.cg.flat" "$W/$1.cs.annflat" >"$W/$1.anndiff"; then
        head -n 20 "$W/$1.anndiff"
        fail "$1: read as callgrind_annotate reads it, $(grep -c '^>' "$W/$1.anndiff") lines differ from Cachegrind's"
    fi
    callgrind_annotate --auto=yes "$W/$1.cs" >"$W/$1.ann" 2>&1 || fail "$1: callgrind_annotate failed"
    if grep -qi 'warning' "$W/$1.ann"; then
        grep -i -A6 'warning' "$W/$1.ann" | head -n 30
        fail "$1: callgrind_annotate --auto=yes warns"
    fi
    annotate_lines "$W/$1.cg.flat" "$W/$1.cs" "$W/$1.ann.lines" ||
        fail "$1: callgrind_annotate failed: $(cat "$W/$1.ann.lines.err")"
    by_file_line "$W/$1.cg.flat" >"$W/$1.cg.lines"
    if ! diff "$W/$1.cg.lines" "$W/$1.ann.lines" >"$W/$1.linediff"; then
        echo "per-line Ir (< Cachegrind, > callgrind_annotate on cachesim's profile):"
        head -n 20 "$W/$1.linediff"
        fail "$1: callgrind_annotate shows $(grep -c '^>' "$W/$1.linediff") lines with other Ir than Cachegrind's"
    fi
    note "$1: $(wc -l <"$W/$1.ann.lines") lines annotated by callgrind_annotate, all with Cachegrind's Ir"
}
