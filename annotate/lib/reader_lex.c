/* reader_lex.c - the numbers of a profile line: positions (absolute or
 * relative to the previous line's) and costs, with the "FILE:LINE: what
 * is wrong" message of every line the reader rejects. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "reader_state.h"

int fail(reader *r, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(r->err, r->errlen, "%s:%lu: ", r->path, r->line_no);
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < r->errlen)
        vsnprintf(r->err + n, r->errlen - n, fmt, ap);
    va_end(ap);
    return -1;
}

/* Parses a decimal or 0x-hex number at *s; -1 on overflow or no digits. */
int parse_number(const char **s, uint64_t *out)
{
    const char *c = *s;
    uint64_t v = 0;
    if (c[0] == '0' && (c[1] == 'x' || c[1] == 'X') && isxdigit((unsigned char)c[2])) {
        c += 2;
        while (isxdigit((unsigned char)*c)) {
            int d = isdigit((unsigned char)*c) ? *c - '0'
                  : tolower((unsigned char)*c) - 'a' + 10;
            if (v > (UINT64_MAX >> 4))
                return -1;
            v = (v << 4) | (uint64_t)d;
            c++;
        }
    } else {
        if (!isdigit((unsigned char)*c))
            return -1;
        while (isdigit((unsigned char)*c)) {
            uint64_t d = (uint64_t)(*c - '0');
            if (v > (UINT64_MAX - d) / 10)
                return -1;
            v = v * 10 + d;
            c++;
        }
    }
    *s = c;
    *out = v;
    return 0;
}

int number_error(reader *r, const char *s)
{
    if (isdigit((unsigned char)*s))
        return fail(r, "number too large");
    return fail(r, "expected a number at '%.20s'", s);
}

/* One subposition: absolute, +N, -N or '*', relative to prev. */
static int parse_subposition(reader *r, const char **s, uint64_t prev,
                             uint64_t *out)
{
    const char *c = *s;
    uint64_t v;
    if (*c == '*') {
        *out = prev;
        *s = c + 1;
    } else if (*c == '+' || *c == '-') {
        c++;
        if (parse_number(&c, &v) < 0)
            return number_error(r, c);
        if (**s == '+') {
            if (v > UINT64_MAX - prev)
                return fail(r, "relative position overflows");
            *out = prev + v;
        } else {
            if (v > prev)
                return fail(r, "relative position -%llu goes below zero",
                            (unsigned long long)v);
            *out = prev - v;
        }
        *s = c;
    } else {
        if (parse_number(&c, out) < 0)
            return number_error(r, c);
        *s = c;
    }
    if (**s && !is_space(**s))
        return fail(r, "bad position '%.20s'", c);
    return 0;
}

/* Parses the n_pos subpositions of a line into pos (not touching prev). */
int parse_positions(reader *r, const char **s, uint64_t pos[2])
{
    int i;
    for (i = 0; i < r->n_pos; i++) {
        *s = skip_space(*s);
        if (!**s)
            return fail(r, "expected %d position%s", r->n_pos,
                        r->n_pos > 1 ? "s" : "");
        if (parse_subposition(r, s, r->prev[i], &pos[i]) < 0)
            return -1;
    }
    return 0;
}

/* The count of a cost written as v (negative: after a '-'); -1 when it is
 * out of range.  Costs may be negative (csann diff -o writes NEW - OLD)
 * down to -2^63, which sums that wrap past 2^63-1 reach. */
int signed_count(uint64_t v, int negative, cs_count *out)
{
    if (v > (uint64_t)INT64_MAX + (negative ? 1 : 0))
        return -1;
    *out = !negative ? (cs_count)v : v ? -(cs_count)(v - 1) - 1 : 0;
    return 0;
}

int parse_costs(reader *r, const char *s)
{
    size_t i = 0;
    uint64_t v;
    int negative;
    memset(r->costs, 0, r->p->n_events * sizeof *r->costs);
    for (;;) {
        s = skip_space(s);
        if (!*s)
            return 0;
        if (i >= r->n_emap)
            return fail(r, "more costs than the %zu events of events:", r->n_emap);
        negative = *s == '-';
        s += negative;
        if (parse_number(&s, &v) < 0)
            return number_error(r, s);
        if (signed_count(v, negative, &r->costs[r->emap[i]]) < 0)
            return fail(r, "number too large");
        if (*s && !is_space(*s))
            return fail(r, "bad cost '%.20s'", s);
        i++;
    }
}
