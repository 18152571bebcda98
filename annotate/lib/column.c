/* column.c - parsing and evaluation of report columns (--derive). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "xalloc.h"

void cs_column_event(const cs_profile *p, size_t event, cs_column *out)
{
    memset(out, 0, sizeof *out);
    out->name = xstrdup(p->events[event]);
    out->num = xmalloc(sizeof *out->num);
    out->num[0].event = event;
    out->num[0].factor = 1;
    out->n_num = 1;
}

void cs_column_free(cs_column *c)
{
    free(c->name);
    free(c->definition);
    free(c->num);
    free(c->den);
    memset(c, 0, sizeof *c);
}

static int parse_sum(const cs_profile *p, const char *s, size_t len,
                     cs_term **terms, size_t *n, char *err, size_t errlen)
{
    const char *end = s + len;
    while (s < end) {
        const char *plus = memchr(s, '+', (size_t)(end - s));
        const char *tend = plus ? plus : end;
        const char *star = memchr(s, '*', (size_t)(tend - s));
        cs_count factor = 1;
        char name[256];
        size_t nlen;
        int e;
        if (star) {
            const char *c = s;
            factor = 0;
            if (c == star)
                goto bad;
            for (; c < star; c++) {
                if (!isdigit((unsigned char)*c) || factor > 1000000000LL)
                    goto bad;
                factor = factor * 10 + (cs_count)(*c - '0');
            }
            s = star + 1;
        }
        nlen = (size_t)(tend - s);
        if (nlen == 0 || nlen >= sizeof name)
            goto bad;
        memcpy(name, s, nlen);
        name[nlen] = '\0';
        e = cs_event_index(p, name);
        if (e < 0) {
            snprintf(err, errlen, "no event '%s' in the profile", name);
            return -1;
        }
        *terms = xrealloc(*terms, (*n + 1) * sizeof **terms);
        (*terms)[*n].event = (size_t)e;
        (*terms)[*n].factor = factor;
        (*n)++;
        s = plus ? plus + 1 : end;
        if (plus && s == end)
            goto bad;
    }
    if (*n == 0)
        goto bad;
    return 0;
bad:
    snprintf(err, errlen, "bad expression (expected EVENT, N*EVENT, A+B or A/B)");
    return -1;
}

int cs_column_parse(const cs_profile *p, const char *spec, cs_column *out,
                    char *err, size_t errlen)
{
    const char *eq = strchr(spec, '=');
    const char *expr = eq ? eq + 1 : spec;
    const char *slash = strchr(expr, '/');
    size_t i;

    memset(out, 0, sizeof *out);
    for (i = 0; spec[i]; i++)
        if (isspace((unsigned char)spec[i])) {
            snprintf(err, errlen, "spaces are not allowed");
            return -1;
        }
    if (eq && eq == spec) {
        snprintf(err, errlen, "empty name before '='");
        return -1;
    }
    if (slash) {
        if (strchr(slash + 1, '/')) {
            snprintf(err, errlen, "only one '/' is allowed");
            return -1;
        }
        if (parse_sum(p, expr, (size_t)(slash - expr), &out->num, &out->n_num,
                      err, errlen) < 0
            || parse_sum(p, slash + 1, strlen(slash + 1), &out->den, &out->n_den,
                         err, errlen) < 0) {
            cs_column_free(out);
            return -1;
        }
        out->is_ratio = 1;
    } else if (parse_sum(p, expr, strlen(expr), &out->num, &out->n_num,
                         err, errlen) < 0) {
        cs_column_free(out);
        return -1;
    }
    out->name = eq ? xstrndup(spec, (size_t)(eq - spec)) : xstrdup(spec);
    out->definition = xstrdup(expr);
    return 0;
}

/* Saturating arithmetic: absurd counts give INT64_MAX/MIN, never UB. */
static cs_count mul_saturating(cs_count x, cs_count factor)
{
    if (factor == 0 || x == 0)
        return 0;
    if (x > 0 && x > INT64_MAX / factor)
        return INT64_MAX;
    if (x < 0 && x < INT64_MIN / factor)
        return INT64_MIN;
    return x * factor;
}

static cs_count add_saturating(cs_count a, cs_count b)
{
    if (b > 0 && a > INT64_MAX - b)
        return INT64_MAX;
    if (b < 0 && a < INT64_MIN - b)
        return INT64_MIN;
    return a + b;
}

static cs_count sum_terms(const cs_term *t, size_t n, const cs_count *v)
{
    cs_count total = 0;
    size_t i;
    for (i = 0; i < n; i++)
        total = add_saturating(total, mul_saturating(v[t[i].event], t[i].factor));
    return total;
}

cs_count cs_column_count(const cs_column *c, const cs_count *v)
{
    return sum_terms(c->num, c->n_num, v);
}

double cs_column_value(const cs_column *c, const cs_count *v)
{
    cs_count num = sum_terms(c->num, c->n_num, v);
    cs_count den;
    if (!c->is_ratio)
        return (double)num;
    den = sum_terms(c->den, c->n_den, v);
    return den ? 100.0 * (double)num / (double)den : -1.0;
}
