/* annotate.c - `csann annotate`: the file:function table and annotated
 * source, in the manner of callgrind_annotate and cg_annotate. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "column.h"
#include "function_table.h"
#include "options.h"
#include "profile.h"
#include "reader.h"
#include "report.h"
#include "safe_write.h"
#include "annotate_source.h"
#include "xalloc.h"

enum { TREE_CALLERS = 1, TREE_CALLEES = 2 };

typedef struct settings {
    cs_strlist show, sort;      /* column names */
    double threshold;           /* % of the primary sort column's total */
    int show_percs, auto_annotate, inclusive;
    int context;                /* lines around annotated lines */
    cs_strlist includes;        /* source directories */
    int tree;                   /* TREE_* bits: list callers, callees */
    cs_strlist derive;          /* --derive items */
    const char *part;
    const char *profile;
    cs_strlist sources;         /* the files named after the profile */
} settings;

static int parse_tree(const cs_option *o, void *field, const char *value,
                      cs_opt_error *e)
{
    int *tree = field;
    if (strcmp(value, "none") == 0)
        *tree = 0;
    else if (strcmp(value, "caller") == 0)
        *tree = TREE_CALLERS;
    else if (strcmp(value, "calling") == 0)
        *tree = TREE_CALLEES;
    else if (strcmp(value, "both") == 0)
        *tree = TREE_CALLERS | TREE_CALLEES;
    else
        return cs_opt_fail(e, "--tree wants none, caller, calling or both, not '%s'", value);
    return 0;
}

static const cs_option options[] = {
    { .type = CS_OPT_LIST, .name = "--show", .field = offsetof(settings, show),
      .argh = "A,B,...", .help = "events (or derived columns) to show [all events]" },
    { .type = CS_OPT_LIST, .name = "--sort", .field = offsetof(settings, sort),
      .argh = "A,B,...", .help = "sort order of the tables [events in file order]" },
    { .type = CS_OPT_PERCENT, .name = "--threshold", .field = offsetof(settings, threshold),
      .argh = "PCT",
      .help = "list a function when its count of the first sort\n"
              "event is at least PCT% of the total [0.1]" },
    { .type = CS_OPT_YES_NO, .name = "--show-percs", .field = offsetof(settings, show_percs),
      .argh = "yes|no", .help = "show percentages of the totals [yes]" },
    { .type = CS_OPT_YES_NO, .name = "--auto", .field = offsetof(settings, auto_annotate),
      .argh = "yes|no", .help = "annotate the source of listed functions [yes]" },
    { .type = CS_OPT_COUNT, .name = "--context", .field = offsetof(settings, context),
      .argh = "N", .bad = "--context wants a number of lines, not '%s'",
      .help = "lines of context around annotated lines [8]" },
    { .type = CS_OPT_ADD, .name = "-I", .field = offsetof(settings, includes),
      .argh = "DIR", .flags = CS_OPT_ATTACHED,
      .missing = "option '%s' needs a directory" },
    { .type = CS_OPT_ADD, .name = "--include", .field = offsetof(settings, includes),
      .argh = "DIR", .help = "look for source files in DIR (repeatable)" },
    { .type = CS_OPT_YES_NO, .name = "--inclusive", .field = offsetof(settings, inclusive),
      .argh = "yes|no", .help = "show inclusive costs (needs calls= data) [no]" },
    { .type = CS_OPT_CALLBACK, .name = "--tree", .field = offsetof(settings, tree),
      .argh = "none|caller|calling|both", .parse = parse_tree,
      .help = "under each function, list its callers ('<') and/or\n"
              "the functions it calls ('>') with the call counts\n"
              "and inclusive costs of those calls [none]" },
    { .type = CS_OPT_LIST_ADD, .name = "--derive", .field = offsetof(settings, derive),
      .argh = "[NAME=]EXPR",
      .help = "add a column: a sum (L1m=I1mr+D1mr+D1mw) or a\n"
              "ratio shown as a percentage (D1mr/Dr) (repeatable)" },
    { .type = CS_OPT_STRING, .name = "--part", .field = offsetof(settings, part),
      .argh = "N|LABEL", .flags = CS_OPT_NONEMPTY,
      .bad = "--part wants a number or a label",
      .help = "use only part N (1-based) or the part labelled\n"
              "LABEL [the sum of all parts]" },
    CS_OPT_HELP_ENTRIES,
    { .type = CS_OPT_VERSION, .name = "-V", .flags = CS_OPT_HIDDEN },
    { .type = CS_OPT_VERSION, .name = "--version", .flags = CS_OPT_HIDDEN },
    CS_OPT_TABLE_END
};

/* The first operand is the profile, the others source files. */
static int add_file(void *settings_, const char *arg, cs_opt_error *e)
{
    settings *s = settings_;
    if (!s->profile)
        s->profile = arg;
    else
        cs_strlist_add(&s->sources, arg);
    return 0;
}

static int check_settings(void *settings_, cs_opt_error *e)
{
    const settings *s = settings_;
    return s->profile ? 0 : cs_opt_fail(e, "no profile given");
}

static const cs_command_line command_line = {
    .command = "annotate",
    .is_default = 1,
    .usage = "usage: csann [annotate] [options] PROFILE [SOURCE...]\n"
             "\n"
             "Print the per-function costs of a cachesim, Callgrind or Cachegrind profile\n"
             "and annotate source files with them.\n"
             "\n"
             "options:\n",
    .options = options,
    .footer = "\n"
              "Exit status: 0 success, 1 unreadable or malformed profile, 2 usage error.\n",
    .operand = add_file,
    .check = check_settings,
};

void cmd_annotate_usage(FILE *out)
{
    cs_print_help(&command_line, out);
}

/* ----- columns ----------------------------------------------------------- */

typedef struct columns {
    cs_column *all;             /* events, then derived columns */
    size_t n_all;
    size_t *show, *sort;        /* indexes into all */
    size_t n_show, n_sort;
    size_t primary;             /* the count column the threshold applies to */
} columns;

static int find_column(const columns *c, const char *name)
{
    size_t i;
    for (i = 0; i < c->n_all; i++)
        if (strcmp(c->all[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int pick_columns(const cs_profile *p, const settings *s, columns *c,
                        const char *what, const cs_strlist *names,
                        size_t **out, size_t *n)
{
    size_t i;
    *out = xcalloc(names->count + 1, sizeof **out);
    *n = 0;
    for (i = 0; i < names->count; i++) {
        int k = find_column(c, names->items[i]);
        if (k < 0) {
            fprintf(stderr, "csann: %s: no event or derived column '%s' in %s\n",
                    what, names->items[i], p->path);
            return -1;
        }
        (*out)[(*n)++] = (size_t)k;
    }
    (void)s;
    return 0;
}

static int build_columns(const cs_profile *p, const settings *s, columns *c)
{
    size_t i, n_events = p->n_events;
    char err[256];

    c->all = xcalloc(n_events + s->derive.count, sizeof *c->all);
    for (i = 0; i < n_events; i++)
        cs_column_event(p, i, &c->all[i]);
    c->n_all = n_events;
    for (i = 0; i < s->derive.count; i++) {
        cs_column *d = &c->all[c->n_all];
        if (cs_column_parse(p, s->derive.items[i], d, err, sizeof err) < 0) {
            fprintf(stderr, "csann: --derive=%s: %s\n", s->derive.items[i], err);
            return -1;
        }
        if (find_column(c, d->name) >= 0) {
            fprintf(stderr, "csann: --derive=%s: the name '%s' is already used\n",
                    s->derive.items[i], d->name);
            cs_column_free(d);
            return -1;
        }
        c->n_all++;
    }
    if (s->show.count) {
        if (pick_columns(p, s, c, "--show", &s->show, &c->show, &c->n_show) < 0)
            return -1;
    } else {
        /* The recorded events and the --derive columns; the profile's own
         * derived events (CEst) when asked for by name. */
        c->show = xcalloc(c->n_all, sizeof *c->show);
        c->n_show = 0;
        for (i = 0; i < c->n_all; i++)
            if (i >= n_events || !cs_event_is_derived(p, i))
                c->show[c->n_show++] = i;
    }
    if (s->sort.count) {
        if (pick_columns(p, s, c, "--sort", &s->sort, &c->sort, &c->n_sort) < 0)
            return -1;
    } else {
        c->sort = xcalloc(n_events + 1, sizeof *c->sort);
        c->n_sort = 0;
        for (i = 0; i < n_events; i++)
            if (!cs_event_is_derived(p, i))
                c->sort[c->n_sort++] = i;
    }
    c->primary = 0;
    for (i = 0; i < c->n_sort; i++)
        if (!c->all[c->sort[i]].is_ratio) {
            c->primary = c->sort[i];
            break;
        }
    return 0;
}

static void free_columns(columns *c)
{
    size_t i;
    for (i = 0; i < c->n_all; i++)
        cs_column_free(&c->all[i]);
    free(c->all);
    free(c->show);
    free(c->sort);
}

/* ----- sorting ----------------------------------------------------------- */

typedef struct row {
    size_t entry;
    cs_count *v;
} row;

static const columns *sort_cols;
static const cs_profile *sort_profile;
static const cs_fn_table *sort_entries;

static int compare_rows(const void *pa, const void *pb)
{
    const row *a = pa, *b = pb;
    size_t i;
    int c;
    for (i = 0; i < sort_cols->n_sort; i++) {
        const cs_column *col = &sort_cols->all[sort_cols->sort[i]];
        double x = cs_column_value(col, a->v), y = cs_column_value(col, b->v);
        if (x != y)
            return x > y ? -1 : 1;
    }
    c = strcmp(cs_name(sort_profile, sort_entries->file[a->entry]),
               cs_name(sort_profile, sort_entries->file[b->entry]));
    if (c)
        return c;
    c = strcmp(cs_name(sort_profile, sort_entries->name[a->entry]),
               cs_name(sort_profile, sort_entries->name[b->entry]));
    if (c)
        return c;
    return strcmp(cs_name(sort_profile, sort_entries->object[a->entry]),
                  cs_name(sort_profile, sort_entries->object[b->entry]));
}

/* ----- output: header, totals, table ------------------------------------- */

static void print_list(FILE *out, const char *title, const cs_strlist *l)
{
    size_t i;
    fprintf(out, "%s", title);
    for (i = 0; i < l->count; i++)
        fprintf(out, "%s%s", i ? " " : "", l->items[i]);
    fputs("\n", out);
}

static void print_header(FILE *out, const cs_profile *p, const settings *s,
                         const columns *c)
{
    size_t i, n_selected = 0, first = p->n_parts;
    const cs_part *part;

    for (i = 0; i < p->n_parts; i++)
        if (p->parts[i].selected) {
            n_selected++;
            if (first == p->n_parts)
                first = i;
        }
    cs_report_rule(out);
    fprintf(out, "Profile data file '%s'", p->path);
    if (p->creator)
        fprintf(out, " (creator: %s)", p->creator);
    fputs("\n", out);
    cs_report_rule(out);
    part = first < p->n_parts ? &p->parts[first] : NULL;
    if (part) {
        for (i = 0; i < part->n_desc; i++)
            if (strchr(part->desc[i], ':') && strchr(part->desc[i], ':')[1])
                fprintf(out, "%s\n", part->desc[i]);
        fprintf(out, "Command:          %s\n", part->cmd ? part->cmd : "(unknown)");
        if (part->pid)
            fprintf(out, "PID:              %s\n", part->pid);
    }
    fprintf(out, "Parts:            ");
    if (s->part)
        fprintf(out, "part %s of %zu\n", s->part, p->n_parts);
    else if (p->n_parts > 1)
        fprintf(out, "all %zu parts, summed\n", p->n_parts);
    else
        fprintf(out, "1\n");
    fprintf(out, "Events recorded: ");
    for (i = 0; i < p->n_events; i++)
        if (!cs_event_is_derived(p, i))
            fprintf(out, " %s", p->events[i]);
    fprintf(out, "\nEvents shown:    ");
    for (i = 0; i < c->n_show; i++)
        fprintf(out, " %s", c->all[c->show[i]].name);
    fprintf(out, "\nEvent sort order:");
    for (i = 0; i < c->n_sort; i++)
        fprintf(out, " %s", c->all[c->sort[i]].name);
    fputs("\n", out);
    for (i = 0; i < p->n_events; i++)
        if (cs_event_is_derived(p, i))
            fprintf(out, "Derived:          %s = %s (the profile's)\n", p->events[i],
                    p->formulas[i]);
    for (i = p->n_events; i < c->n_all; i++)
        fprintf(out, "Derived:          %s = %s%s\n", c->all[i].name,
                c->all[i].definition, c->all[i].is_ratio ? ", as a percentage" : "");
    fprintf(out, "Threshold:        %g%% of %s, per function\n", s->threshold,
            c->all[c->primary].name);
    print_list(out, "Include dirs:     ", &s->includes);
    print_list(out, "User annotated:   ", &s->sources);
    fprintf(out, "Auto-annotation:  %s\n", s->auto_annotate ? "on" : "off");
    fprintf(out, "Inclusive:        %s\n", s->inclusive ? "yes" : "no");
    if (s->tree)
        fprintf(out, "Call tree:        %s\n", s->tree == TREE_CALLERS ? "callers"
                : s->tree == TREE_CALLEES ? "callees" : "callers and callees");
    fputs("\n", out);
}

static char *entry_label(const cs_profile *p, const cs_fn_table *t, size_t e)
{
    const char *file = cs_name(p, t->file[e]), *name = cs_name(p, t->name[e]);
    const char *obj = cs_name(p, t->object[e]);
    size_t len = strlen(file) + strlen(name) + strlen(obj) + 8;
    char *label = xmalloc(len);
    if (*obj)
        snprintf(label, len, "%s:%s [%s]", file, name, obj);
    else
        snprintf(label, len, "%s:%s", file, name);
    return label;
}

/* ----- --tree: callers and callees of each listed function -------------- */

/* "  < file:fn (3x) [obj]": entry_label with the call count before the
 * object, as callgrind_annotate writes it. */
static char *link_label(const cs_profile *p, const cs_fn_table *t, const cs_fn_link *k,
                        const char *prefix)
{
    const char *file = cs_name(p, t->file[k->other]), *name = cs_name(p, t->name[k->other]);
    const char *obj = cs_name(p, t->object[k->other]);
    size_t len = strlen(prefix) + strlen(file) + strlen(name) + strlen(obj) + 40;
    char *label = xmalloc(len);
    snprintf(label, len, "%s%s:%s (%lldx)%s%s%s", prefix, file, name,
             (long long)k->count, *obj ? " [" : "", obj, *obj ? "]" : "");
    return label;
}

/* Per listed row: its callers and callees (as --tree asks). */
typedef struct row_links {
    cs_fn_links callers, callees;
} row_links;

static row_links *collect_tree(const cs_profile *p, const cs_fn_table *t, const columns *c,
                               const row *rows, size_t n_rows, int tree)
{
    row_links *rl = xcalloc(n_rows + 1, sizeof *rl);
    size_t i;
    for (i = 0; i < n_rows; i++) {
        if (tree & TREE_CALLERS)
            rl[i].callers = cs_fn_table_links(t, p, rows[i].entry, 1, &c->all[c->primary]);
        if (tree & TREE_CALLEES)
            rl[i].callees = cs_fn_table_links(t, p, rows[i].entry, 0, &c->all[c->primary]);
    }
    return rl;
}

static void measure_tree(cs_report *r, const row_links *rl, size_t n_rows)
{
    size_t i, k;
    for (i = 0; i < n_rows; i++) {
        for (k = 0; k < rl[i].callers.count; k++)
            cs_report_measure(r, rl[i].callers.items[k].v, 0);
        for (k = 0; k < rl[i].callees.count; k++)
            cs_report_measure(r, rl[i].callees.items[k].v, 0);
    }
}

/* One function as a block: blank line, callers, "*  function", callees. */
static void print_tree_block(FILE *out, const cs_report *r, const cs_profile *p,
                             const cs_fn_table *t, const row *rw, const row_links *rl)
{
    char *label = entry_label(p, t, rw->entry), *starred;
    size_t k, len = strlen(label) + 4;
    fputs("\n", out);
    for (k = 0; k < rl->callers.count; k++) {
        char *l = link_label(p, t, &rl->callers.items[k], "  < ");
        cs_report_row(r, out, rl->callers.items[k].v, 0, l);
        free(l);
    }
    starred = xmalloc(len);
    snprintf(starred, len, "*  %s", label);
    cs_report_row(r, out, rw->v, 0, starred);
    for (k = 0; k < rl->callees.count; k++) {
        char *l = link_label(p, t, &rl->callees.items[k], "  >   ");
        cs_report_row(r, out, rl->callees.items[k].v, 0, l);
        free(l);
    }
    free(starred);
    free(label);
}

static void free_tree(row_links *rl, size_t n_rows)
{
    size_t i;
    for (i = 0; rl && i < n_rows; i++) {
        cs_fn_links_free(&rl[i].callers);
        cs_fn_links_free(&rl[i].callees);
    }
    free(rl);
}

/* ----- the command ------------------------------------------------------- */

static void free_settings(settings *s)
{
    cs_strlist_clear(&s->show);
    cs_strlist_clear(&s->sort);
    cs_strlist_clear(&s->includes);
    cs_strlist_clear(&s->derive);
    cs_strlist_clear(&s->sources);
}

/* The rows whose count of the primary column reaches the threshold, with
 * their costs (self or inclusive) in values, sorted by the sort columns.
 * Returns how many. */
static size_t list_rows(const settings *s, const cs_profile *p, const cs_fn_table *t,
                        const columns *c, const cs_count *totals, row *rows,
                        cs_count *values)
{
    const cs_column *primary = &c->all[c->primary];
    double limit = s->threshold / 100.0 * (double)cs_column_count(primary, totals);
    size_t i, k, n = 0, w = p->n_events;
    for (i = 0; i < t->count; i++) {
        cs_count *v = values + n * w;
        int nonzero = 0;
        cs_fn_table_costs(t, i, s->inclusive, v);
        for (k = 0; k < w; k++)
            nonzero |= v[k] != 0;
        /* |count|: a difference profile (csann diff -o) has negative ones. */
        if (!nonzero || fabs((double)cs_column_count(primary, v)) < limit)
            continue;
        rows[n].entry = i;
        rows[n].v = v;
        n++;
    }
    sort_cols = c;
    sort_profile = p;
    sort_entries = t;
    qsort(rows, n, sizeof *rows, compare_rows);
    return n;
}

/* The file:function table, each row a block of callers, the function and
 * callees with --tree. */
static void print_table(FILE *out, cs_report *report, const settings *s,
                        const cs_profile *p, const cs_fn_table *t, const columns *c,
                        const row *rows, size_t n_rows)
{
    row_links *tree = NULL;
    size_t i;
    cs_report_reset(report);
    for (i = 0; i < n_rows; i++)
        cs_report_measure(report, rows[i].v, 0);
    if (s->tree) {
        tree = collect_tree(p, t, c, rows, n_rows, s->tree);
        measure_tree(report, tree, n_rows);
    }
    cs_report_rule(out);
    cs_report_titles(report, out, s->inclusive ? "file:function (inclusive)"
                                               : "file:function");
    cs_report_rule(out);
    for (i = 0; i < n_rows; i++) {
        char *label;
        if (tree) {
            print_tree_block(out, report, p, t, &rows[i], &tree[i]);
            continue;
        }
        label = entry_label(p, t, rows[i].entry);
        cs_report_row(report, out, rows[i].v, 0, label);
        free(label);
    }
    free_tree(tree, n_rows);
    fputs("\n", out);
}

/* The sources named on the command line, and with --auto=yes those of the
 * listed functions. */
static void annotate_listed(FILE *out, cs_report *report, const settings *s,
                            const cs_profile *p, const cs_fn_table *t,
                            const row *rows, size_t n_rows)
{
    cs_annotate_request req;
    uint32_t *files = xcalloc(n_rows + 1, sizeof *files);
    size_t i;
    for (i = 0; i < n_rows; i++)
        files[i] = t->file[rows[i].entry];
    req.sources = s->sources.items;
    req.n_sources = s->sources.count;
    req.includes = s->includes.items;
    req.n_includes = s->includes.count;
    req.candidates = files;
    req.n_candidates = s->auto_annotate ? n_rows : 0;
    req.context = s->context;
    cs_annotate_sources(out, p, report, &req);
    free(files);
}

static int run(const settings *s, FILE *out)
{
    cs_profile *p = cs_profile_new();
    cs_read_options ro = { s->part };
    char err[1024];
    columns c;
    cs_fn_table t;
    cs_report report;
    cs_column *shown;
    cs_count *totals, *values;
    row *rows;
    size_t i, n_rows, w;
    int rc = CSANN_OK;

    memset(&c, 0, sizeof c);
    if (cs_profile_read(p, s->profile, &ro, err, sizeof err) < 0) {
        fprintf(stderr, "csann: %s\n", err);
        cs_profile_free(p);
        return CSANN_EDATA;
    }
    if (build_columns(p, s, &c) < 0) {
        free_columns(&c);
        cs_profile_free(p);
        return CSANN_EUSAGE;
    }
    if (s->inclusive && p->n_calls == 0)
        fprintf(stderr, "csann: warning: %s has no calls= lines; inclusive costs "
                "equal self costs\n", p->path);
    if (s->tree && p->n_calls == 0)
        fprintf(stderr, "csann: warning: %s has no calls= lines; --tree lists no "
                "callers or callees\n", p->path);
    w = p->n_events;
    totals = xcalloc(w, sizeof *totals);
    cs_profile_totals(p, totals);
    cs_fn_table_build(&t, p);
    rows = xcalloc(t.count + 1, sizeof *rows);
    values = xcalloc((t.count + 1) * w, sizeof *values);
    n_rows = list_rows(s, p, &t, &c, totals, rows, values);

    shown = xcalloc(c.n_show + 1, sizeof *shown);
    for (i = 0; i < c.n_show; i++)
        shown[i] = c.all[c.show[i]];
    cs_report_init(&report, shown, c.n_show, totals, s->show_percs);
    print_header(out, p, s, &c);
    cs_report_measure(&report, totals, 0);
    cs_report_rule(out);
    cs_report_titles(&report, out, "");
    cs_report_rule(out);
    cs_report_row(&report, out, totals, 0, "PROGRAM TOTALS");
    fputs("\n", out);
    print_table(out, &report, s, p, &t, &c, rows, n_rows);
    if (s->auto_annotate || s->sources.count)
        annotate_listed(out, &report, s, p, &t, rows, n_rows);
    cs_report_free(&report);
    free(shown);
    if (cs_flush_output(out, "the report", err, sizeof err) < 0) {
        fprintf(stderr, "csann: %s\n", err);
        rc = CSANN_EDATA;
    }
    free(rows);
    free(values);
    free(totals);
    cs_fn_table_free(&t);
    free_columns(&c);
    cs_profile_free(p);
    return rc;
}

int cmd_annotate(int argc, char **argv)
{
    settings s;
    int rc;
    memset(&s, 0, sizeof s);
    s.threshold = 0.1;
    s.show_percs = 1;
    s.auto_annotate = 1;
    s.context = 8;
    if (cs_parse_options(&command_line, &s, argc, argv, &rc) == 0)
        rc = run(&s, stdout);
    free_settings(&s);
    return rc;
}
