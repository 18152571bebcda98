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

/* pct in exactly width characters: with decimals (fewer as it grows),
 * then as "1e+05"; plus writes the sign of positive values too. */
static void fit_pct(char *buf, int width, int decimals, double pct, int plus)
{
    int n;
    for (; decimals >= 0; decimals--) {
        n = snprintf(buf, 16, plus ? "%+*.*f" : "%*.*f", width, decimals, pct);
        if (n == width)
            return;
    }
    n = snprintf(buf, 16, plus ? "%+*.0e" : "%*.0e", width, pct);
    if (n != width)             /* "-1e+04" in 5: below -9999.5% */
        snprintf(buf, 16, "%*s", width, "<-1e4");
}

void cs_format_pct(char *buf, double part, double total)
{
    double pct = total > 0 ? 100.0 * part / total : 0.0;
    long hundredths;
    /* Five characters: "12.34", "100.0" (inclusive costs may exceed 100%,
     * differences go below 0), " 1000", "1e+05". */
    if (pct >= 99.995 || pct < 0 || pct != pct) {
        if (pct != pct)
            snprintf(buf, 16, "%5s", "nan");
        else
            fit_pct(buf, 5, 1, pct, 0);
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
    /* Six characters: "+12.34", "+100.0", " +1000", "+1e+05". */
    fit_pct(buf, 6, 2, pct, 1);
}
