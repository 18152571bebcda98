# kcachegrind_rules.awk - the places where KCachegrind would read a
# callgrind-format profile otherwise than csann and callgrind_annotate,
# one per line ("LINE: what"); nothing when there are none.  KCachegrind's
# loader (libcore/cachegrindloader.cpp), as read for this check:
#   - at a new part (a part:, pid:, thread:, positions: or events: line
#     after an events: line) it forgets every "(id) name" definition, the
#     object, file and function in force and the last position, where other
#     readers keep them to the end of the file;
#   - a function id stands for the function defined with it, in the object
#     (ob=, or cob= for cfn=) and file (the fl= file for fn=, cfi= or the
#     file in force for cfn=) in force at the definition; a later "(id)" in
#     another object or file still means that one.
function reset() { delete def; delete fn_where; seen_events = 0; ob = fl = file = fn = ""; have_pos = 0 }
function ref(kind, spec,    id, rest) {
    if (spec !~ /^\([0-9]+\)/) return ""
    id = substr(spec, 2, index(spec, ")") - 2)
    rest = substr(spec, index(spec, ")") + 1); sub(/^ +/, "", rest)
    if (rest != "") { def[kind, id] = rest; defined_here = 1 }
    else { defined_here = 0; if (!((kind, id) in def)) print NR ": " kind " id (" id ") is not defined in this part" }
    return id
}
function use_fn(id, where) {
    if (id == "") return
    if (defined_here) fn_where[id] = where
    else if ((id in fn_where) && fn_where[id] != where)
        print NR ": function id (" id ") used in " where " but defined in " fn_where[id]
}
BEGIN { reset() }
/^(part|pid|thread|positions|events):/ { if (seen_events) reset(); if ($0 ~ /^events:/) seen_events = 1; next }
/^ob=/ { ob = ref("ob", substr($0, 4)); if (ob == "") ob = substr($0, 4); next }
/^fl=/ { fl = ref("fl", substr($0, 4)); if (fl == "") fl = substr($0, 4); file = fl; next }
/^(fi|fe)=/ { file = ref("fl", substr($0, 4)); if (file == "") file = substr($0, 4); next }
/^fn=/ { file = fl; fn = substr($0, 4); use_fn(ref("fn", fn), "object " ob ", file " fl); next }
/^cob=/ { cob = ref("ob", substr($0, 5)); if (cob == "") cob = substr($0, 5); next }
/^cf[il]=/ { cfi = ref("fl", substr($0, 5)); if (cfi == "") cfi = substr($0, 5); next }
/^cfn=/ {
    use_fn(ref("fn", substr($0, 5)), "object " (cob != "" ? cob : ob) ", file " (cfi != "" ? cfi : file))
    next
}
/^calls=/ { after_call = 1; next }
/^[0-9+*-]/ {
    if (fn == "") print NR ": cost line before any fn= in this part"
    if ($0 ~ /^[+*-]/ && !have_pos) print NR ": relative position before any absolute one in this part"
    have_pos = 1
    if (after_call) { cob = ""; cfi = ""; after_call = 0 }
    next
}
