# --deterministic=yes on python3 without PYTHONHASHSEED (string hashes are
# seeded from getrandom) building a set of strings: three runs give the
# same thirteen totals and output; without the option they differ.
. "$TOP_SRCDIR/tests/lib.sh"
. "$PROGS/det_lib.sh"
PY=
for p in /usr/bin/python3 "$(command -v python3 2>/dev/null)" /root/.pyenv/shims/python3; do
    [ -n "$p" ] && [ -x "$p" ] && "$p" -c pass 2>/dev/null && { PY=$p; break; }
done
[ -n "$PY" ] || { echo "SKIP: no python3"; exit 0; }
unset PYTHONHASHSEED
SCRIPT="s = set('word%d' % i for i in range(3000)); print(len(s), list(s)[:4])"
det_runs python yes "$PY" -I -c "$SCRIPT"
det_expect_same python yes
det_runs python no "$PY" -I -c "$SCRIPT"
det_expect_differ python no
det_spread python no
det_spread python yes
note "output: $(cat "$W/python.yes.1.stdout")"
