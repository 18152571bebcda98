# bench/inputs.sh - sourced by bench/run.sh and bench/model_cost.sh: their
# common set-up, and the text and SQL inputs of the gzip, bzip2, sort and
# sqlite3 workloads.

# bench_setup NAME: what every bench script needs from the built tree in
# $top: vg (its vg-in-place), work (BENCH_WORK, made), GEOM (the caches
# every tool is given); exits with NAME's message when the build or
# /usr/bin/time is missing.
bench_setup() {
    vg="$top/vg-in-place"
    [ -x "$vg" ] || { echo "$1: build first (no $vg)" >&2; exit 1; }
    [ -x /usr/bin/time ] || { echo "$1: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
    work=${BENCH_WORK:-$top/bench/work}
    mkdir -p "$work"
    GEOM="--I1=32768,8,64 --D1=32768,8,64 --LL=8388608,16,64"
}

# bench_inputs DIR: make DIR/text.txt and DIR/sql.txt unless they exist.
bench_inputs() {
    [ -f "$1/text.txt" ] || awk 'BEGIN { s = 7; for (i = 0; i < 120000; i++) {
        s = (s * 1103515245 + 12345) % 2147483648;
        printf "%08d record %d value %d name%d\n", s % 100000000, i, s % 9973, s % 211 } }' >"$1/text.txt"
    [ -f "$1/sql.txt" ] || awk 'BEGIN { print "CREATE TABLE t(a INTEGER, b TEXT);"; print "BEGIN;";
        s = 3; for (i = 0; i < 20000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
        printf "INSERT INTO t VALUES(%d, \"row%d\");\n", s % 100000, i } print "COMMIT;";
        print "SELECT count(*), sum(a) FROM t WHERE a % 7 = 3;";
        print "SELECT b FROM t ORDER BY a LIMIT 5;" }' >"$1/sql.txt"
}
