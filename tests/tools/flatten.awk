# flatten.awk - turn a Cachegrind-format or callgrind-format profile into
# one line per (file, function, line): "file<TAB>fn<TAB>line<TAB>counts",
# counts in the order given by -v events="Ir I1mr ..." (missing events = 0),
# all-zero lines left out.  Sort the output to compare two profiles.
# Written independently of csann's reader so the tests have a second opinion.
# Readers differ in one state rule, and -v rule= picks one:
#   reset (default)       fn= goes back to the last fl= file, as KCachegrind
#                         and csann read;
#   callgrind_annotate    the fi=/fe= file stays in force across fn=, and the
#                         cost line after calls=0 counts as the caller's own
#                         cost, as callgrind_annotate reads.
BEGIN {
    FS = "\n"
    n_want = split(events, want, " ")
    npos = 1; instr_pos = 0
}
function name_of(space, spec,    id, rest) {
    # "(id) name" defines, "(id)" refers, anything else is a plain name.
    if (spec ~ /^\([0-9]+\)/) {
        id = substr(spec, 2, index(spec, ")") - 2)
        rest = substr(spec, index(spec, ")") + 1)
        sub(/^ /, "", rest)
        if (rest != "") names[space, id] = rest
        return names[space, id]
    }
    return spec
}
function hex(s,    v, i) {
    v = 0
    for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
    return v
}
function subpos(tok, prev) {
    if (tok == "*") return prev
    if (tok ~ /^\+/) return prev + substr(tok, 2)
    if (tok ~ /^-/) return prev - substr(tok, 2)
    if (tok ~ /^0x/) return hex(substr(tok, 3))
    return tok + 0
}
/^events:/ {
    n_have = split(substr($0, 8), have, " ")
    for (i = 1; i <= n_want; i++) { col[i] = 0; for (j = 1; j <= n_have; j++) if (have[j] == want[i]) col[i] = j }
    next
}
/^positions:/ { instr_pos = ($0 ~ /instr/); npos = instr_pos + ($0 ~ /line/ ? 1 : 0); if (npos == 0) npos = 1; next }
/^fl=/ { file = name_of("f", substr($0, 4)); fnfile = file; next }
/^(fi|fe)=/ { file = name_of("f", substr($0, 4)); next }
/^fn=/ { fn = name_of("n", substr($0, 4)); if (rule != "callgrind_annotate") file = fnfile; next }
/^ob=/ { name_of("o", substr($0, 4)); next }
/^cob=/ { name_of("o", substr($0, 5)); next }
/^(cfi|cfl)=/ { name_of("f", substr($0, 5)); next }
/^cfn=/ { name_of("n", substr($0, 5)); next }
/^calls=/ { skip_next = (rule != "callgrind_annotate" || $0 !~ /^calls=0+[ \t]/); next }
/^(jump|jcnd)=/ { skip_next = 1; next }
/^[0-9+*-]/ {
    nt = split($0, tok, " ")
    # keep subposition state up to date even for call cost lines
    p = 1
    if (instr_pos) { addr = subpos(tok[p], addr); p++ }
    if (npos - instr_pos > 0) { line = subpos(tok[p], line); p++ }
    if (skip_next) { skip_next = 0; next }
    key = file "\t" fn "\t" line
    for (i = 1; i <= n_want; i++) if (col[i] && p + col[i] - 1 <= nt) cost[key, i] += tok[p + col[i] - 1]
    keys[key] = 1
    next
}
END {
    for (k in keys) {
        out = ""; nz = 0
        for (i = 1; i <= n_want; i++) { v = cost[k, i] + 0; out = out (i > 1 ? " " : "") v; if (v) nz = 1 }
        if (nz) print k "\t" out
    }
}
