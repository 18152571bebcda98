# Waits under --deterministic=yes: a 0.2 s nanosleep, a poll that times out
# after 0.2 s and an absolute clock_nanosleep 0.2 s ahead finish in about
# the wall time they take without the option (no hang), and the program's
# clock shows the 0.2 s as passed.
. "$TOP_SRCDIR/tests/lib.sh"
build det_wait det_wait.c -- -O1
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
for mode in sleep poll abs; do
    for det in no yes; do
        t0=$(now_ms)
        timeout 20 "$VG_IN_PLACE" --tool=cachesim $GEOM --deterministic=$det \
            --cachesim-out-file="$W/$mode.$det.cs" "$W/det_wait" $mode >"$W/$mode.$det.stdout" 2>"$W/$mode.$det.stderr"
        status=$?
        ms=$(( $(now_ms) - t0 ))
        [ $status -eq 124 ] && fail "$mode with --deterministic=$det hung (killed after 20 s)"
        [ $status -eq 0 ] || { tail "$W/$mode.$det.stderr"; fail "$mode with --deterministic=$det failed ($status)"; }
        eval "ms_$det=\$ms"
    done
    note "$mode: ${ms_no} ms without, ${ms_yes} ms with --deterministic=yes; program saw: $(cat "$W/$mode.yes.stdout")"
    [ "$ms_yes" -lt 5000 ] || fail "$mode took ${ms_yes} ms with --deterministic=yes"
    [ "$ms_yes" -lt $((ms_no + 2000)) ] || fail "$mode took ${ms_yes} ms with the option, ${ms_no} ms without"
    waited=$(sed -n 's/.*waited \([0-9]*\) ms/\1/p' "$W/$mode.yes.stdout")
    [ -n "$waited" ] && [ "$waited" -ge 200 ] && [ "$waited" -lt 300 ] ||
        fail "$mode: the virtual clock showed a wait of '${waited}' ms, not about 200"
done
# The virtual clock gives the same answer every time.
"$VG_IN_PLACE" --tool=cachesim $GEOM --deterministic=yes --cachesim-out-file="$W/again.cs" \
    "$W/det_wait" sleep >"$W/again.stdout" 2>/dev/null || fail "rerun failed"
cmp -s "$W/again.stdout" "$W/sleep.yes.stdout" || fail "the sleep looked different in a second run"
