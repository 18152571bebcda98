# pprof.sh - helpers for the tests of csann export --format=pprof, which
# read the exports with the real client, go tool pprof (sourced after
# tests/lib.sh and tests/golden/csann/helpers.sh).

command -v go >/dev/null 2>&1 ||
    fail "go not found: scripts/install-deps.sh installs golang-go (go tool pprof)"
# go tool pprof keeps nothing for local files, but give it a home of its own.
PPROF_TMPDIR=$W/pprof-tmp
HOME=${HOME:-$W}
export PPROF_TMPDIR HOME
mkdir -p "$PPROF_TMPDIR"

pprof() { go tool pprof "$@" 2>"$W/pprof.err"; }

# csann_functions PROFILE EV [OPTION...]: "function<TAB>self count" per
# function name (csann lists file:function; pprof sums a name over files
# and objects), non-zero ones, sorted.
csann_functions() {
    p=$1 ev=$2; shift 2
    "$CSANN" --show="$ev" --sort="$ev" --threshold=0 --show-percs=no --auto=no "$@" "$p" |
        fn_table 1 |
        awk -F '\t' '{ i = index($1, ":"); s[substr($1, i + 1)] += $2 }
                     END { for (f in s) if (s[f] != 0) printf "%s\t%d\n", f, s[f] }' |
        LC_ALL=C sort
}

# pprof_functions EXPORT EV [OPTION...]: the same from go tool pprof -top.
pprof_functions() {
    x=$1 ev=$2; shift 2
    pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0 \
        -sample_index="$ev" "$@" "$x" >"$W/top.txt" ||
        { cat "$W/pprof.err"; fail "go tool pprof -top -sample_index=$ev $x"; }
    awk '/^ *flat  *flat%/ { go = 1; next }
         go { v = $1; line = $0
              for (i = 1; i <= 5; i++) sub(/^ *[^ ]+/, "", line)
              sub(/^ +/, "", line)
              if (v != 0) printf "%s\t%d\n", line, v }' "$W/top.txt" | LC_ALL=C sort
}

# expect_same_functions PROFILE EXPORT [CSANN-OPTION...]: for every event,
# go tool pprof -top's self count of every function is csann's.
expect_same_functions() {
    p=$1 x=$2; shift 2
    for ev in $(sed -n 's/^events: //p' "$p" | head -n 1); do
        csann_functions "$p" "$ev" "$@" >"$W/cs.$ev"
        pprof_functions "$x" "$ev" >"$W/pp.$ev"
        [ -s "$W/cs.$ev" ] || [ "$ev" != Ir ] || fail "Ir: csann lists no function"
        if ! cmp -s "$W/cs.$ev" "$W/pp.$ev"; then
            diff "$W/cs.$ev" "$W/pp.$ev" | head -n 20
            fail "$ev: go tool pprof -top and csann --show=$ev differ (< csann, > pprof)"
        fi
    done
    note "$x: go tool pprof -top = csann per function for $(sed -n 's/^events: //p' "$p" | head -n 1)"
}

# pprof_folded EXPORT EV: go tool pprof -traces as folded stacks
# "outer;...;leaf<TAB>count", one line per sample.
pprof_folded() {
    pprof -traces -sample_index="$2" "$1" >"$W/traces.txt" ||
        { cat "$W/pprof.err"; fail "go tool pprof -traces $1"; }
    awk '/^-----------\+/ { if (n) out(); n = 0; go = 1; next }
         !go { next }
         { line = $0
           if (n == 0) { v = $1; sub(/^ *[^ ]+ +/, "", line) } else sub(/^ +/, "", line)
           f[++n] = line }
         function out(   s, i) { s = f[n]; for (i = n - 1; i >= 1; i--) s = s ";" f[i]
                                 printf "%s\t%s\n", s, v }
         END { if (n) out() }' "$W/traces.txt"
}

# profile_folded PROFILE EV: the profile's own contexts, folded: its tree
# of "# ctx: UP FN COUNTS" lines (the parent UP lines above in the part, 0
# for none; "# ctxfn: FN NAME" names FN), each context that has a self cost.
profile_folded() {
    awk -v ev="$2" '
        /^part: / { k = 0 }
        /^events: / { col = 0; for (i = 2; i <= NF; i++) if ($i == ev) col = i - 1 }
        /^# ctxfn: / { line = $0; sub(/^# ctxfn: [0-9]+ /, "", line); name[$3] = line; next }
        /^# ctx: / { k++
                     path[k] = ($3 == 0 ? "" : path[k - $3] ";") name[$4]
                     any = 0; for (i = 5; i <= NF; i++) if ($i != 0) any = 1
                     if (any) printf "%s\t%s\n", path[k], (col && 4 + col <= NF ? $(4 + col) : 0) }' "$1"
}

# expect_same_contexts PROFILE EXPORT EV: go tool pprof -traces lists the
# profile's contexts.  Exactly: every stack it lists is a context of the
# profile, or one with a frame added (a function that has no frame in the
# stacks, such as a PLT stub, called from it); every prefix of the stacks
# holds the same count in both (so the flame graphs are the same), except
# the added frames, which hold what the stacks gave their callers: for
# each function, csann's self count less its count as an innermost frame.
expect_same_contexts() {
    p=$1 x=$2 ev=$3
    profile_folded "$p" "$ev" >"$W/prof.folded"
    [ -s "$W/prof.folded" ] || fail "$p has no # ctx: lines"
    pprof_folded "$x" "$ev" >"$W/pprof.folded"
    [ -s "$W/pprof.folded" ] || fail "go tool pprof -traces listed no sample"
    csann_functions "$p" "$ev" >"$W/self.$ev"
    awk -F '\t' '
        function add(side, stack, v,   k, fr, i, pre) {
            k = split(stack, fr, ";"); pre = ""
            for (i = 1; i <= k; i++) {
                pre = pre (i > 1 ? ";" : "") fr[i]
                inc[side, pre] += v; prefix[pre] = fr[i]
            }
            if (side == "P") leaf[fr[k]] += v
        }
        FNR == 1 { file++ }
        file == 1 { self[$1] = $2; next }
        file == 2 { ctx[$1] = 1; add("P", $1, $2); next }
        { if (!($1 in ctx)) {
              parent = $1; sub(/;[^;]*$/, "", parent)
              if (!(parent in ctx)) { print "not a context of the profile: " $1; bad = 1 }
          }
          add("T", $1, $2) }
        END {
            for (p in prefix) {
                d = inc["T", p] - inc["P", p]
                if (d == 0) continue
                f = prefix[p]
                if (d < 0 || self[f] - leaf[f] <= 0) {
                    print "under " p ": profile " inc["P", p] ", pprof " inc["T", p]; bad = 1
                    if (++shown > 10) break
                }
                added[f] += d
            }
            for (f in self) if (self[f] > leaf[f] && added[f] != self[f] - leaf[f]) {
                print f ": " added[f] " added, want " self[f] - leaf[f]; bad = 1
            }
            exit bad
        }' "$W/self.$ev" "$W/prof.folded" "$W/pprof.folded" ||
        fail "$ev: go tool pprof -traces does not list the profile's contexts"
    note "$x: $(wc -l <"$W/prof.folded") contexts of $ev, as go tool pprof -traces lists them"
}
