/* report.h - aligned columns of counts, in the layout of cg_annotate and
 * callgrind_annotate: "12,345 (67.89%)" cells, titles above, a label after. */
#ifndef CSANN_REPORT_H
#define CSANN_REPORT_H
#include <stdio.h>
#include "column.h"

typedef struct cs_report {
    const cs_column *cols;
    size_t n_cols;
    cs_count *col_totals;   /* per column: the count that is 100% */
    int show_percs;
    int signed_counts;      /* changes: "+1,234 (+5.20%)" (set after init) */
    size_t *count_width;    /* per column: widest count text */
} cs_report;

void cs_report_init(cs_report *r, const cs_column *cols, size_t n_cols,
                    const cs_count *totals, int show_percs);
void cs_report_free(cs_report *r);
/* Forgets the measured widths (before a new section). */
void cs_report_reset(cs_report *r);
/* Widens the columns to fit the cells of v. */
void cs_report_measure(cs_report *r, const cs_count *v, int dot_zero);
void cs_report_titles(const cs_report *r, FILE *out, const char *label);
/* One row; v NULL prints dots.  dot_zero prints zero counts as ".". */
void cs_report_row(const cs_report *r, FILE *out, const cs_count *v,
                   int dot_zero, const char *label);
void cs_report_rule(FILE *out);

#endif
