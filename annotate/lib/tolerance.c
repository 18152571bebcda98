/* tolerance.c - see tolerance.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strlist.h"
#include "tolerance.h"
#include "xalloc.h"

/* "N", "N.N" or "P%" into t; -1 when it is none of them. */
static int parse_amount(const char *s, cs_tolerance *t)
{
    const char *c;
    int seen_dot = 0, digits = 0;
    t->den = 1;
    for (c = s; *c && *c != '%'; c++) {
        if (*c == '.' && !seen_dot) {
            seen_dot = 1;
            continue;
        }
        if (*c < '0' || *c > '9' || t->num > UINT64_MAX / 100 || t->den > 1000000000)
            return -1;
        t->num = t->num * 10 + (uint64_t)(*c - '0');
        if (seen_dot)
            t->den *= 10;
        digits++;
    }
    t->relative = *c == '%';
    if (digits == 0 || (t->relative && c[1]) || (!t->relative && seen_dot)
        || t->num > (uint64_t)INT64_MAX)
        return -1;
    t->abs = (cs_count)t->num;
    return 0;
}

int cs_tolerances_parse(const cs_profile *p, const char *spec, cs_tolerance **out,
                        size_t *n, char *err, size_t errlen)
{
    cs_strlist items;
    size_t i;
    int rc = 0;

    memset(&items, 0, sizeof items);
    cs_strlist_split(&items, spec);
    *out = xcalloc(items.count + 1, sizeof **out);
    *n = 0;
    for (i = 0; i < items.count; i++) {
        char *item = items.items[i], *colon = strchr(item, ':');
        cs_tolerance *t = &(*out)[*n];
        int e;
        if (!colon || colon == item) {
            snprintf(err, errlen, "'%s' is not EVENT:N or EVENT:P%%", item);
            rc = -1;
            break;
        }
        *colon = '\0';
        if ((e = cs_event_index(p, item)) < 0) {
            snprintf(err, errlen, "no event '%s' in %s", item, p->path);
            rc = -1;
            break;
        }
        t->event = (size_t)e;
        if (parse_amount(colon + 1, t) < 0) {
            snprintf(err, errlen, "bad value '%s' for %s (want N or P%%)", colon + 1, item);
            rc = -1;
            break;
        }
        (*n)++;
    }
    cs_strlist_clear(&items);
    return rc;
}

cs_count cs_tolerance_limit(const cs_tolerance *t, cs_count baseline)
{
    long double allowed;
    if (!t->relative)
        allowed = (long double)t->abs;
    else    /* Exact for realistic counts: baseline * num fits a long double's 64 bits. */
        allowed = floorl((long double)(baseline < 0 ? 0 : baseline) * (long double)t->num
                         / (100.0L * (long double)t->den));
    /* A limit past the largest count allows any count (and allowed, at most
     * INT64_MAX here, converts exactly).  Both sides are exact in a long
     * double's 64-bit mantissa. */
    if (allowed >= (long double)INT64_MAX - (long double)baseline)
        return INT64_MAX;
    return baseline + (cs_count)allowed;
}
