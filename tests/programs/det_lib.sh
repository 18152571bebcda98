# det_lib.sh - helpers of the deterministic-mode and Rust tests, sourced
# after tests/lib.sh (POSIX sh).

# find_rustc: set RUSTC to a working rustc, or print a SKIP notice and end
# the test (successfully: the runner has no "skipped" state).  CI may run
# as root with another HOME, so look beyond $PATH too.
find_rustc() {
    RUSTC=
    for c in "$(command -v rustc 2>/dev/null)" "${HOME:-/nonexistent}/.cargo/bin/rustc" /root/.cargo/bin/rustc; do
        [ -n "$c" ] && [ -x "$c" ] || continue
        if "$c" --version >/dev/null 2>&1; then RUSTC=$c; break; fi
        # A rustup proxy needs its home; try the one next to it.
        home=$(dirname "$(dirname "$(dirname "$c")")")/.rustup
        if [ -d "$home" ] && RUSTUP_HOME=$home "$c" --version >/dev/null 2>&1; then
            RUSTUP_HOME=$home; export RUSTUP_HOME; RUSTC=$c; break
        fi
    done
    if [ -z "$RUSTC" ]; then
        echo "SKIP: no working rustc (looked in \$PATH, \$HOME/.cargo/bin, /root/.cargo/bin)"
        exit 0
    fi
    note "using $("$RUSTC" --version)"
}

# build_rust OUT SRC [RUSTC-FLAGS...]: compile tests/programs/SRC into $W.
build_rust() {
    out=$1 src=$2; shift 2
    "$RUSTC" -g -C opt-level=2 "$@" -o "$W/$out" "$PROGS/$src" 2>"$W/$out.rustc.log" ||
        { cat "$W/$out.rustc.log"; fail "rustc could not build $out"; }
}

# det_runs NAME yes|no COMMAND...: three runs under cachesim with the
# explicit geometry and --deterministic=yes|no.  Leaves, for N = 1..3,
# $W/NAME.MODE.N.cs (profile), .stdout and .sum (the totals lines).
det_runs() {
    name=$1 mode=$2; shift 2
    for i in 1 2 3; do
        base=$W/$name.$mode.$i
        # shellcheck disable=SC2086
        "$VG_IN_PLACE" --tool=cachesim $GEOM --deterministic="$mode" \
            --cachesim-out-file="$base.cs" "$@" >"$base.stdout" 2>"$base.stderr" ||
            { tail -n 20 "$base.stderr"; fail "$name: run $i with --deterministic=$mode failed"; }
        grep -E '^(summary|totals):' "$base.cs" >"$base.sum"
        [ -s "$base.sum" ] || fail "$name: run $i wrote no totals"
    done
}

# det_expect_same NAME MODE: all thirteen totals and the output are equal.
det_expect_same() {
    for i in 2 3; do
        cmp -s "$W/$1.$2.1.sum" "$W/$1.$2.$i.sum" ||
            fail "$1: with --deterministic=$2, run $i's totals differ from run 1's: $(head -n 1 "$W/$1.$2.$i.sum") vs $(head -n 1 "$W/$1.$2.1.sum")"
        cmp -s "$W/$1.$2.1.stdout" "$W/$1.$2.$i.stdout" ||
            fail "$1: with --deterministic=$2, run $i printed something else than run 1"
    done
    note "$1 --deterministic=$2: 3 runs, same totals and output: $(head -n 1 "$W/$1.$2.1.sum")"
}

# det_expect_differ NAME MODE: the three runs are not all alike (in totals
# or output), so the test shows that the option makes the difference.
det_expect_differ() {
    if cmp -s "$W/$1.$2.1.sum" "$W/$1.$2.2.sum" && cmp -s "$W/$1.$2.1.sum" "$W/$1.$2.3.sum" &&
       cmp -s "$W/$1.$2.1.stdout" "$W/$1.$2.2.stdout" && cmp -s "$W/$1.$2.1.stdout" "$W/$1.$2.3.stdout"; then
        fail "$1: the three runs with --deterministic=$2 are identical too: the test shows nothing"
    fi
}

# det_spread NAME MODE: log the range of Ir and D1mr over the three runs.
det_spread() {
    for i in 1 2 3; do
        awk '/^summary:/ { ir += $2; d1mr += $6 } END { print ir, d1mr }' "$W/$1.$2.$i.cs"
    done | awk -v name="$1" -v mode="$2" '
        NR == 1 { imin = imax = $1; dmin = dmax = $2 }
        { if ($1 < imin) imin = $1; if ($1 > imax) imax = $1
          if ($2 < dmin) dmin = $2; if ($2 > dmax) dmax = $2 }
        END { printf "spread %s --deterministic=%s: Ir %d..%d (%d, %.4f%%)  D1mr %d..%d (%d, %.2f%%)\n",
                     name, mode, imin, imax, imax - imin, imin ? 100 * (imax - imin) / imin : 0,
                     dmin, dmax, dmax - dmin, dmin ? 100 * (dmax - dmin) / dmin : 0 }'
}
