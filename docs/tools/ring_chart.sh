#!/bin/sh
# ring_chart.sh - draw misses per load against working-set size (the ring
# step of docs/cpu-models.md) as an SVG chart, one panel per table.
#
#   docs/tools/ring_chart.sh TABLE... > chart.svg
#   docs/tools/ring_chart.sh --model BUILDDIR > chart.svg
#
# A table is tab-separated text: lines starting with '#' are comments (the
# first one is the panel's title), then a header line (the x column's
# name, then one name per series), then one row per working-set size in
# KB with one value per series (misses per load, 0 to 1).  --model runs
# BUILDDIR/tests/unit/model/ring_prefetch for D1 and L2 (the model on its
# own, built by `make check`) and draws both.  Plain sh and awk, no other
# dependency; the chart is written to standard output.
set -eu

usage() {
    echo "usage: $0 TABLE... > chart.svg" >&2
    echo "       $0 --model BUILDDIR > chart.svg" >&2
    exit 2
}

[ $# -ge 1 ] || usage
tmp=
cleanup() { [ -z "$tmp" ] || rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
if [ "$1" = --model ]; then
    [ $# -eq 2 ] || usage
    prog=$2/tests/unit/model/ring_prefetch
    if [ ! -x "$prog" ]; then
        echo "$0: $prog not found (build it with: make -C $2 $prog)" >&2
        exit 1
    fi
    tmp=$(mktemp -d)
    "$prog" D1 > "$tmp/d1.tsv"
    "$prog" L2 > "$tmp/l2.tsv"
    set -- "$tmp/d1.tsv" "$tmp/l2.tsv"
fi
for f in "$@"; do
    [ -r "$f" ] || { echo "$0: cannot read $f" >&2; exit 1; }
done

awk -F '\t' '
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
function lg2(v) { return log(v) / log(2) }
FNR == 1 { panel++; title[panel] = ""; header_seen = 0; rows[panel] = 0 }
/^#/ { if (title[panel] == "") { t = $0; sub(/^# */, "", t); title[panel] = t } next }
!header_seen {
    header_seen = 1; nseries[panel] = NF - 1; xname[panel] = $1
    for (i = 2; i <= NF; i++) name[panel, i - 1] = $i
    next
}
NF > 1 {
    r = ++rows[panel]; x[panel, r] = $1 + 0
    if ($1 + 0 <= 0) { printf "%s: size must be positive: %s\n", FILENAME, $1 > "/dev/stderr"; bad = 1; exit 1 }
    for (i = 2; i <= NF; i++) y[panel, r, i - 1] = $i + 0
}
END {
    if (bad) exit 1
    W = 760; PH = 300; top = 40; left = 64; right = 250; gap = 70
    pw = W - left - right
    H = top + panel * (PH + gap) + 10
    split("#1b1b1b #d62728 #1f77b4 #2ca02c #9467bd #ff7f0e #8c564b #e377c2", color, " ")
    split("0 7,4 2,3 9,3,2,3 4,2 12,4 1,3 6,6", dash, " ")
    printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H
    printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
    for (p = 1; p <= panel; p++) {
        y0 = top + (p - 1) * (PH + gap)
        xmin = x[p, 1]; xmax = x[p, 1]
        for (r = 1; r <= rows[p]; r++) { if (x[p, r] < xmin) xmin = x[p, r]; if (x[p, r] > xmax) xmax = x[p, r] }
        lo = lg2(xmin); hi = lg2(xmax); if (hi == lo) hi = lo + 1
        printf "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", left, y0 - 14, esc(title[p])
        # axes and grid: y from 0 to 1 by 0.25, x at powers of two
        for (k = 0; k <= 4; k++) {
            gy = y0 + PH - k * PH / 4
            printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", left, gy, left + pw, gy
            printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>\n", left - 6, gy + 4, k / 4
        }
        for (e = int(lo); e <= hi + 0.001; e++) {
            if (e < lo - 0.001) continue
            gx = left + (e - lo) / (hi - lo) * pw
            printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n", gx, y0, gx, y0 + PH
            v = 2 ^ e; lab = v >= 1024 ? (v / 1024) " MB" : v " KB"
            printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", gx, y0 + PH + 16, lab
        }
        printf "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", left, y0, pw, PH
        printf "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", left + pw / 2, y0 + PH + 34, esc(xname[p])
        printf "<text transform=\"translate(%d,%d) rotate(-90)\" text-anchor=\"middle\">misses per load</text>\n", 18, y0 + PH / 2
        # series: wide lines first, so that the ones drawn later stay visible on top
        for (s = 1; s <= nseries[p]; s++) {
            c = color[(s - 1) % 8 + 1]; d = dash[(s - 1) % 8 + 1]
            width = 1.5 + 2.5 * (nseries[p] - s) / (nseries[p] > 1 ? nseries[p] - 1 : 1)
            pts = ""
            for (r = 1; r <= rows[p]; r++) {
                px = left + (lg2(x[p, r]) - lo) / (hi - lo) * pw
                py = y0 + PH - y[p, r, s] * PH
                pts = pts sprintf("%.1f,%.1f ", px, py)
            }
            printf "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s stroke-linejoin=\"round\"/>\n", pts, c, width, d == "0" ? "" : " stroke-dasharray=\"" d "\""
            ly = y0 + 10 + (s - 1) * 34
            printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n", left + pw + 12, ly, left + pw + 42, ly, c, width, d == "0" ? "" : " stroke-dasharray=\"" d "\""
            # long names wrap after a comma
            n = split(name[p, s], part, ", ")
            for (k = 1; k <= n; k++)
                printf "<text x=\"%d\" y=\"%d\">%s%s</text>\n", left + pw + 48, ly + 4 + (k - 1) * 14, esc(part[k]), k < n ? "," : ""
        }
    }
    printf "</svg>\n"
}' "$@"
