/* change_table.c - see change_table.h. */
#include <stdlib.h>
#include <string.h>
#include "change_table.h"
#include "numfmt.h"
#include "xalloc.h"

void cs_change_table_init(cs_change_table *t, const cs_profile *p,
                          const size_t *events, size_t n)
{
    size_t i;
    t->p = p;
    t->events = events;
    t->n = n;
    t->old_w = xcalloc(n + 1, sizeof *t->old_w);
    t->new_w = xcalloc(n + 1, sizeof *t->new_w);
    t->change_w = xcalloc(n + 1, sizeof *t->change_w);
    t->rel_w = xcalloc(n + 1, sizeof *t->rel_w);
    for (i = 0; i < n; i++) {
        /* Room for the titles "EV old", "EV new", "EV change". */
        size_t name = strlen(p->events[events[i]]);
        t->old_w[i] = name + 4;
        t->new_w[i] = name + 4;
        t->change_w[i] = 1;
        t->rel_w[i] = name + 7 > 1 ? name + 7 - 1 : 0;
    }
}

void cs_change_table_free(cs_change_table *t)
{
    free(t->old_w);
    free(t->new_w);
    free(t->change_w);
    free(t->rel_w);
}

void cs_format_relative(char *buf, cs_count old, cs_count change, int sides)
{
    if (sides == CS_IN_NEW)
        snprintf(buf, 32, "(new)");
    else if (sides == CS_IN_OLD)
        snprintf(buf, 32, "(gone)");
    else if (change == 0 || old == 0)
        buf[0] = '\0';
    else
        snprintf(buf, 32, "(%+.1f%%)", 100.0 * (double)change / (double)old);
}

/* The four texts of one event's cells. */
static void cells(const cs_change_table *t, size_t i, const cs_count *old,
                  const cs_count *new_, int sides, char *o, char *n, char *c,
                  char *r)
{
    size_t e = t->events[i];
    cs_count change = (cs_count)((uint64_t)new_[e] - (uint64_t)old[e]);
    if (sides & CS_IN_OLD)
        cs_commify_signed(o, old[e], 0);
    else
        strcpy(o, ".");
    if (sides & CS_IN_NEW)
        cs_commify_signed(n, new_[e], 0);
    else
        strcpy(n, ".");
    cs_commify_signed(c, change, 1);
    cs_format_relative(r, old[e], change, sides);
}

static void widen(size_t *w, const char *s)
{
    size_t n = strlen(s);
    if (n > *w)
        *w = n;
}

void cs_change_table_measure(cs_change_table *t, const cs_count *old,
                             const cs_count *new_, int sides)
{
    char o[32], n[32], c[32], r[32];
    size_t i;
    for (i = 0; i < t->n; i++) {
        cells(t, i, old, new_, sides, o, n, c, r);
        widen(&t->old_w[i], o);
        widen(&t->new_w[i], n);
        widen(&t->change_w[i], c);
        widen(&t->rel_w[i], r);
    }
}

void cs_change_table_titles(const cs_change_table *t, FILE *out, const char *label)
{
    size_t i;
    char title[300];
    for (i = 0; i < t->n; i++) {
        const char *name = t->p->events[t->events[i]];
        snprintf(title, sizeof title, "%s old", name);
        fprintf(out, "%*s ", (int)t->old_w[i], title);
        snprintf(title, sizeof title, "%s new", name);
        fprintf(out, "%*s ", (int)t->new_w[i], title);
        snprintf(title, sizeof title, "%s change", name);
        fprintf(out, "%-*s  ", (int)(t->change_w[i] + 1 + t->rel_w[i]), title);
    }
    fprintf(out, "%s\n", label);
}

void cs_change_table_row(const cs_change_table *t, FILE *out, const cs_count *old,
                         const cs_count *new_, int sides, const char *label)
{
    char o[32], n[32], c[32], r[32];
    size_t i;
    for (i = 0; i < t->n; i++) {
        cells(t, i, old, new_, sides, o, n, c, r);
        fprintf(out, "%*s %*s %*s %-*s  ", (int)t->old_w[i], o, (int)t->new_w[i], n,
                (int)t->change_w[i], c, (int)t->rel_w[i], r);
    }
    fprintf(out, "%s\n", label);
}
