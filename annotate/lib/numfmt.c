/* numfmt.c - thousands separators and percentages. */
#include <stdio.h>
#include "numfmt.h"

size_t cs_commify(char *buf, uint64_t v)
{
    char digits[21];
    int n = 0, i;
    size_t len = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (i = n - 1; i >= 0; i--) {
        buf[len++] = digits[i];
        if (i > 0 && i % 3 == 0)
            buf[len++] = ',';
    }
    buf[len] = '\0';
    return len;
}

size_t cs_commify_signed(char *buf, int64_t v, int plus)
{
    /* The magnitude via unsigned negation, so INT64_MIN works too. */
    uint64_t magnitude = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    size_t sign = 0;
    if (v < 0)
        buf[sign++] = '-';
    else if (plus && v > 0)
        buf[sign++] = '+';
    return sign + cs_commify(buf + sign, magnitude);
}

void cs_format_pct(char *buf, double part, double total)
{
    double pct = total > 0 ? 100.0 * part / total : 0.0;
    long hundredths;
    /* Three significant places keep the column width fixed at 5. */
    if (pct >= 99.995 || pct < 0 || pct != pct) {
        snprintf(buf, 16, "%5.1f", pct);   /* "100.0"; inclusive costs may exceed it, differences go below 0 */
        return;
    }
    /* "%5.2f" by hand: printing floats dominates big reports otherwise. */
    hundredths = (long)(pct * 100.0 + 0.5);
    buf[0] = hundredths >= 1000 ? (char)('0' + hundredths / 1000) : ' ';
    buf[1] = (char)('0' + hundredths / 100 % 10);
    buf[2] = '.';
    buf[3] = (char)('0' + hundredths / 10 % 10);
    buf[4] = (char)('0' + hundredths % 10);
    buf[5] = '\0';
}

void cs_format_signed_pct(char *buf, double part, double total)
{
    double pct;
    if (!(total > 0)) {
        snprintf(buf, 16, "%6s", "n/a");
        return;
    }
    pct = 100.0 * part / total;
    if (pct > 1e9 || pct < -1e9)
        pct = pct > 0 ? 1e9 : -1e9;     /* keeps the text inside buf */
    snprintf(buf, 16, "%+6.2f", pct);
}
