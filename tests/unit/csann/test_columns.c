/* test_columns.c - host tests of report columns: --derive expressions
 * (lib/column.c), number formatting (lib/numfmt.c) and the aligned
 * "count (pct%)" cells of the reports (lib/report.c). */
#include <stdint.h>
#include "csann_test.h"
#include "column.h"
#include "numfmt.h"
#include "report.h"

/* A model with the events Ir Dr D1mr and no costs. */
static cs_profile *three_events(void)
{
    cs_profile *p = cs_profile_new();
    cs_add_event(p, "Ir", 2);
    cs_add_event(p, "Dr", 2);
    cs_add_event(p, "D1mr", 4);
    return p;
}

static void test_derived_columns(void)
{
    cs_profile *p = three_events();
    cs_count v[3] = { 10, 4, 3 }, zero_dr[3] = { 10, 0, 3 };
    cs_count huge[3] = { INT64_MAX, -4000000000000000000LL, 2 };
    cs_column c;
    char err[256];

    cs_column_event(p, 2, &c);
    CHECK_STR(c.name, "D1mr");
    CHECK_EQ(cs_column_count(&c, v), 3);
    cs_column_free(&c);

    CHECK_EQ(cs_column_parse(p, "L1m=Ir+2*D1mr", &c, err, sizeof err), 0);
    CHECK_STR(c.name, "L1m");
    CHECK_STR(c.definition, "Ir+2*D1mr");
    CHECK_EQ(c.is_ratio, 0);
    CHECK_EQ(cs_column_count(&c, v), 16);
    CHECK(cs_column_value(&c, v) == 16.0);
    cs_column_free(&c);

    /* Unnamed: named after the expression; a ratio is a percentage. */
    CHECK_EQ(cs_column_parse(p, "D1mr/Dr", &c, err, sizeof err), 0);
    CHECK_STR(c.name, "D1mr/Dr");
    CHECK_EQ(c.is_ratio, 1);
    CHECK(cs_column_value(&c, v) == 75.0);
    CHECK(cs_column_value(&c, zero_dr) == -1.0);    /* no divisor: "." */
    cs_column_free(&c);

    CHECK_EQ(cs_column_parse(p, "rate=Dr+D1mr/Ir", &c, err, sizeof err), 0);
    CHECK(cs_column_value(&c, v) == 70.0);
    cs_column_free(&c);

    /* Saturating sums: absurd counts give the extremes, never overflow. */
    CHECK_EQ(cs_column_parse(p, "Ir+Ir", &c, err, sizeof err), 0);
    CHECK(cs_column_count(&c, huge) == INT64_MAX);
    cs_column_free(&c);
    CHECK_EQ(cs_column_parse(p, "3*Dr", &c, err, sizeof err), 0);
    CHECK(cs_column_count(&c, huge) == INT64_MIN);
    cs_column_free(&c);

    CHECK_EQ(cs_column_parse(p, "Ir+Nope", &c, err, sizeof err), -1);
    CHECK_STR(err, "no event 'Nope' in the profile");
    CHECK_EQ(cs_column_parse(p, "Ir/Dr/D1mr", &c, err, sizeof err), -1);
    CHECK_STR(err, "only one '/' is allowed");
    CHECK_EQ(cs_column_parse(p, "Ir + Dr", &c, err, sizeof err), -1);
    CHECK_STR(err, "spaces are not allowed");
    CHECK_EQ(cs_column_parse(p, "=Ir", &c, err, sizeof err), -1);
    CHECK_STR(err, "empty name before '='");
    CHECK_EQ(cs_column_parse(p, "Ir+", &c, err, sizeof err), -1);
    CHECK_STR(err, "bad expression (expected EVENT, N*EVENT, A+B or A/B)");
    CHECK_EQ(cs_column_parse(p, "x*Ir", &c, err, sizeof err), -1);
    CHECK_STR(err, "bad expression (expected EVENT, N*EVENT, A+B or A/B)");
    CHECK_EQ(cs_column_parse(p, "L1m=", &c, err, sizeof err), -1);
    cs_profile_free(p);
}

static void test_numbers(void)
{
    char buf[32];
    CHECK_EQ(cs_commify(buf, 0), 1);
    CHECK_STR(buf, "0");
    cs_commify(buf, 999);
    CHECK_STR(buf, "999");
    cs_commify(buf, 1000);
    CHECK_STR(buf, "1,000");
    CHECK_EQ(cs_commify(buf, 1234567), 9);
    CHECK_STR(buf, "1,234,567");
    cs_commify(buf, UINT64_MAX);
    CHECK_STR(buf, "18,446,744,073,709,551,615");
    cs_commify_signed(buf, INT64_MIN, 1);
    CHECK_STR(buf, "-9,223,372,036,854,775,808");
    cs_commify_signed(buf, 1234, 1);
    CHECK_STR(buf, "+1,234");
    cs_commify_signed(buf, 1234, 0);
    CHECK_STR(buf, "1,234");
    cs_commify_signed(buf, 0, 1);
    CHECK_STR(buf, "0");

    /* Percentages: 5 wide, two decimals, "100.0" at the top. */
    cs_format_pct(buf, 1, 3);
    CHECK_STR(buf, "33.33");
    cs_format_pct(buf, 2, 3);           /* rounded, not cut */
    CHECK_STR(buf, "66.67");
    cs_format_pct(buf, 5, 1000);
    CHECK_STR(buf, " 0.50");
    cs_format_pct(buf, 99994, 100000);
    CHECK_STR(buf, "99.99");
    cs_format_pct(buf, 1, 1);
    CHECK_STR(buf, "100.0");
    cs_format_pct(buf, 3, 2);           /* inclusive costs can exceed it */
    CHECK_STR(buf, "150.0");
    cs_format_pct(buf, -1, 2);          /* differences go below 0 */
    CHECK_STR(buf, "-50.0");
    cs_format_pct(buf, 7, 0);
    CHECK_STR(buf, " 0.00");
    cs_format_signed_pct(buf, 52, 1000);
    CHECK_STR(buf, " +5.20");
    cs_format_signed_pct(buf, -1234, 10000);
    CHECK_STR(buf, "-12.34");
    cs_format_signed_pct(buf, 5, 0);
    CHECK_STR(buf, "   n/a");
    /* Always 6 wide (5 unsigned), however large: the column stays put. */
    cs_format_signed_pct(buf, 1, 1);
    CHECK_STR(buf, "+100.0");
    cs_format_signed_pct(buf, -1, 1);
    CHECK_STR(buf, "-100.0");
    cs_format_signed_pct(buf, 25, 1);
    CHECK_STR(buf, " +2500");
    cs_format_signed_pct(buf, 123456, 1);
    CHECK_STR(buf, "+1e+07");
    cs_format_pct(buf, 25, 1);
    CHECK_STR(buf, " 2500");
    cs_format_pct(buf, 123456, 1);
    CHECK_STR(buf, "1e+07");
}

/* The rows of a report, as text. */
static char *report_text(const cs_column *cols, size_t n, const cs_count *totals,
                         int show_percs, int signed_counts, int with_totals)
{
    static const cs_count row[3] = { 250, 0, 3 };
    cs_report r;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    cs_report_init(&r, cols, n, totals, show_percs);
    r.signed_counts = signed_counts;
    if (with_totals)
        cs_report_measure(&r, totals, 0);
    cs_report_measure(&r, row, 1);
    cs_report_titles(&r, out, "file:function");
    if (with_totals)
        cs_report_row(&r, out, totals, 0, "PROGRAM TOTALS");
    cs_report_row(&r, out, row, 1, "a.c:f");
    cs_report_row(&r, out, NULL, 0, "dots");
    cs_report_free(&r);
    fclose(out);
    return text;
}

static void test_report_cells(void)
{
    cs_profile *p = three_events();
    cs_count totals[3] = { 1000, 10, 4 };
    cs_column cols[3];
    char err[64], *text;

    cs_column_event(p, 0, &cols[0]);
    cs_column_event(p, 1, &cols[1]);
    cs_column_parse(p, "D1mr/Ir", &cols[2], err, sizeof err);

    /* Counts right-aligned, each with its share of the total; a zero is
     * "." (dot_zero) with no percentage; a ratio has no percentage. */
    text = report_text(cols, 3, totals, 1, 0, 1);
    CHECK_STR(text,
              "Ir             Dr          D1mr/Ir file:function\n"
              "1,000 (100.0%) 10 (100.0%)   0.40%  PROGRAM TOTALS\n"
              "  250 (25.00%)  .            1.20%  a.c:f\n"
              "    .           .                .  dots\n");
    free(text);

    text = report_text(cols, 2, totals, 0, 0, 1);
    CHECK_STR(text,
              "Ir    Dr file:function\n"
              "1,000 10  PROGRAM TOTALS\n"
              "  250  .  a.c:f\n"
              "    .  .  dots\n");
    free(text);

    /* Changes (csann diff): signed counts and signed percentages. */
    text = report_text(cols, 1, totals, 1, 1, 0);
    CHECK_STR(text,
              "Ir             file:function\n"
              "+250 (+25.00%)  a.c:f\n"
              "   .            dots\n");
    free(text);
    /* A change of 100% or more keeps the labels in line. */
    totals[0] = 100;
    text = report_text(cols, 1, totals, 1, 1, 0);
    CHECK_STR(text,
              "Ir             file:function\n"
              "+250 (+250.0%)  a.c:f\n"
              "   .            dots\n");
    free(text);

    cs_column_free(&cols[0]);
    cs_column_free(&cols[1]);
    cs_column_free(&cols[2]);
    cs_profile_free(p);
}

int main(void)
{
    test_derived_columns();
    test_numbers();
    test_report_cells();
    return unit_finish("test_columns");
}
