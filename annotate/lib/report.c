/* report.c - cell formatting and column alignment for the reports. */
#include <stdlib.h>
#include <string.h>
#include "numfmt.h"
#include "report.h"
#include "xalloc.h"

#define PCT_WIDTH 9         /* " (12.34%)" */
#define SIGNED_PCT_WIDTH 10 /* " (+12.34%)" */

static size_t pct_width(const cs_report *r)
{
    return r->signed_counts ? SIGNED_PCT_WIDTH : PCT_WIDTH;
}

void cs_report_init(cs_report *r, const cs_column *cols, size_t n_cols,
                    const cs_count *totals, int show_percs)
{
    size_t i;
    r->cols = cols;
    r->n_cols = n_cols;
    r->show_percs = show_percs;
    r->signed_counts = 0;
    r->col_totals = xcalloc(n_cols, sizeof *r->col_totals);
    r->count_width = xcalloc(n_cols, sizeof *r->count_width);
    for (i = 0; i < n_cols; i++)
        r->col_totals[i] = cs_column_count(&cols[i], totals);
    cs_report_reset(r);
}

void cs_report_free(cs_report *r)
{
    free(r->col_totals);
    free(r->count_width);
}

void cs_report_reset(cs_report *r)
{
    size_t i;
    for (i = 0; i < r->n_cols; i++)
        r->count_width[i] = 1;
}

static int has_pct(const cs_report *r, size_t i)
{
    return r->show_percs && !r->cols[i].is_ratio;
}

/* The text of a cell without its percentage. */
static size_t cell_text(const cs_report *r, size_t i, const cs_count *v,
                        int dot_zero, char *buf)
{
    const cs_column *c = &r->cols[i];
    if (!v) {
        strcpy(buf, ".");
        return 1;
    }
    if (c->is_ratio) {
        double x = cs_column_value(c, v);
        if (x < 0) {
            strcpy(buf, ".");
            return 1;
        }
        return (size_t)snprintf(buf, 32, "%.2f%%", x);
    }
    if (cs_column_count(c, v) == 0 && dot_zero) {
        strcpy(buf, ".");
        return 1;
    }
    return cs_commify_signed(buf, cs_column_count(c, v), r->signed_counts);
}

static size_t cell_width(const cs_report *r, size_t i)
{
    size_t w = r->count_width[i] + (has_pct(r, i) ? pct_width(r) : 0);
    size_t name = strlen(r->cols[i].name);
    return w > name ? w : name;
}

void cs_report_measure(cs_report *r, const cs_count *v, int dot_zero)
{
    char buf[64];
    size_t i;
    for (i = 0; i < r->n_cols; i++) {
        size_t n = cell_text(r, i, v, dot_zero, buf);
        if (n > r->count_width[i])
            r->count_width[i] = n;
    }
}

void cs_report_titles(const cs_report *r, FILE *out, const char *label)
{
    size_t i;
    for (i = 0; i < r->n_cols; i++)
        fprintf(out, "%-*s ", (int)cell_width(r, i), r->cols[i].name);
    fprintf(out, "%s\n", label);
}

/* Appends n copies of c, or the string s right-aligned in width w. */
static void pad(FILE *out, size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        fwrite(spaces, 1, k, out);
        n -= k;
    }
}

static void right(FILE *out, const char *s, size_t len, size_t w)
{
    if (len < w)
        pad(out, w - len);
    fwrite(s, 1, len, out);
}

void cs_report_row(const cs_report *r, FILE *out, const cs_count *v,
                   int dot_zero, const char *label)
{
    char buf[64], pct[16];
    size_t i;
    for (i = 0; i < r->n_cols; i++) {
        size_t w = cell_width(r, i), n = cell_text(r, i, v, dot_zero, buf);
        if (has_pct(r, i)) {
            cs_count x = v ? cs_column_count(&r->cols[i], v) : 0;
            right(out, buf, n, w - pct_width(r));
            if (x && r->signed_counts) {
                cs_format_signed_pct(pct, (double)x, (double)r->col_totals[i]);
                fputs(" (", out);
                fputs(pct, out);
                fputs("%) ", out);
            } else if (x) {
                cs_format_pct(pct, (double)x, (double)r->col_totals[i]);
                fputs(" (", out);
                fputs(pct, out);
                fputs("%) ", out);
            } else {
                pad(out, pct_width(r) + 1);
            }
        } else {
            right(out, buf, n, w);
            fputc(' ', out);
        }
    }
    fputc(' ', out);
    fputs(label, out);
    fputc('\n', out);
}

void cs_report_rule(FILE *out)
{
    fputs("--------------------------------------------------------------------------------\n",
          out);
}
