# annotated_lines.awk - the per-line counts in callgrind_annotate's
# annotated sources, as "file<TAB>line<TAB>count" (first event shown, one
# line per source line with a count; "<bogus line N>" past the end of a
# file counts as line N).  Run callgrind_annotate with --show-percs=no and
# a --context larger than any file, so that each file is printed whole from
# its first line and its N-th printed source line is line N.
# Call lines ("count  => callee (Nx)") are the calls' inclusive costs, not
# the line's own, and are left out.
function number(s) { gsub(/,/, "", s); return s }
/^-- (Auto|User)-annotated source: / {
    file = substr($0, index($0, "source: ") + 8)
    # Found through --include=DIR: "DIR/ + name"; keep the name.
    if (index(file, " + ")) file = substr(file, index(file, " + ") + 3)
    state = "header"; next
}
state == "header" && /^$/ { state = "body"; line = 0; next }
state == "header" { next }
state == "body" && /^$/ { state = ""; next }
state == "body" && /^ *[0-9,.]+ +=> .*\([0-9,]+x\)$/ { next }
state == "body" && /<bogus line [0-9]+>$/ {
    n = $0; sub(/.*<bogus line /, "", n); sub(/>$/, "", n)
    print file "\t" n "\t" number($1)
    next
}
state == "body" {
    line++
    if ($1 != ".") print file "\t" line "\t" number($1)
    next
}
