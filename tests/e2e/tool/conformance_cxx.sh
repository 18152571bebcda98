# Every reader attributes our profile of a C++ program with inlined
# standard containers (-O2: std::vector and std::map code from
# <bits/stl_tree.h>, <bits/new_allocator.h>... inside the program's own
# functions) to the same lines as Cachegrind does, with and without
# --dump-instr=yes: callgrind_annotate --auto=yes warns of nothing, and its
# per-line Ir (real callgrind_annotate, and an awk reader with its rules:
# the fi= file stays in force across fn=) and the per-line counts read with
# KCachegrind's and csann's rules (fn= goes back to the fl= file) all equal
# Cachegrind's.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/tools/conformance.sh"
build inline_containers inline_containers.cc -- -O2
for instr in no yes; do
    CS_EXTRA=--dump-instr=$instr run_pair ic_$instr -- "$W/inline_containers"
    conformance ic_$instr
done
for f in inline_containers.cc bits/stl_tree.h bits/new_allocator.h bits/stl_vector.h; do
    grep -q "/$f	" "$W/ic_no.ann.lines" || fail "callgrind_annotate annotated no line of $f"
done
