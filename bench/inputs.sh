# bench/inputs.sh - the text and SQL inputs of the gzip, bzip2, sort and
# sqlite3 workloads, sourced by bench/run.sh and bench/model_cost.sh.
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
