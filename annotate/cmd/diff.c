/* diff.c - `csann diff OLD NEW`: per-function (and per-line) changes
 * NEW - OLD of every event, as a before/after table; -o writes the
 * difference as a callgrind-format profile. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "annotate_source.h"
#include "change_table.h"
#include "commands.h"
#include "column.h"
#include "combine.h"
#include "function_pairs.h"
#include "fingerprint.h"
#include "numfmt.h"
#include "options.h"
#include "profile_input.h"
#include "profile_writer.h"
#include "report.h"
#include "safe_write.h"
#include "xalloc.h"

typedef struct settings {
    cs_strlist show, sort;      /* event names; show may be "all" */
    double threshold;           /* % of the primary event's old total */
    int auto_annotate;
    int context;                /* lines around changed lines */
    cs_strlist includes;        /* source directories */
    cs_inputs in;
    const char *output;         /* -o: the difference as a profile */
    const char *old_path, *new_path;
} settings;

static const cs_option options[] = {
    { .type = CS_OPT_LIST, .name = "--show", .field = offsetof(settings, show),
      .argh = "A,B,...|all",
      .help = "events of the function table [the primary event];\n"
              "the totals always list every event" },
    { .type = CS_OPT_LIST, .name = "--sort", .field = offsetof(settings, sort),
      .argh = "A,B,...",
      .help = "sort order; the first is the primary event [file order]" },
    { .type = CS_OPT_PERCENT, .name = "--threshold", .field = offsetof(settings, threshold),
      .argh = "PCT",
      .help = "list a function when the absolute change of the\n"
              "primary event is at least PCT% of its old total [0.1]" },
    { .type = CS_OPT_YES_NO, .name = "--auto", .field = offsetof(settings, auto_annotate),
      .argh = "yes|no",
      .help = "annotate the source of listed functions with the\n"
              "per-line changes [no]" },
    { .type = CS_OPT_COUNT, .name = "--context", .field = offsetof(settings, context),
      .argh = "N", .bad = "--context wants a number of lines, not '%s'",
      .help = "lines of context around changed lines [8]" },
    { .type = CS_OPT_ADD, .name = "-I", .field = offsetof(settings, includes),
      .argh = "DIR", .flags = CS_OPT_ATTACHED },
    { .type = CS_OPT_ADD, .name = "--include", .field = offsetof(settings, includes),
      .argh = "DIR", .help = "look for source files in DIR (repeatable)" },
    CS_INPUT_OPTIONS(settings, in),
    { .type = CS_OPT_STRING, .name = "-o", .field = offsetof(settings, output),
      .argh = "FILE",
      .help = "also write the difference as a callgrind-format\n"
              "profile (signed counts, no call arcs)" },
    CS_OPT_HELP_ENTRIES,
    CS_OPT_TABLE_END
};

static int add_profile(void *settings_, const char *arg, cs_opt_error *e)
{
    settings *s = settings_;
    if (!s->old_path)
        s->old_path = arg;
    else if (!s->new_path)
        s->new_path = arg;
    else
        return cs_opt_fail(e, "too many profiles ('%s'): want OLD NEW", arg);
    return 0;
}

static int check_settings(void *settings_, cs_opt_error *e)
{
    const settings *s = settings_;
    return s->new_path ? 0 : cs_opt_fail(e, "want two profiles: OLD NEW");
}

static const cs_command_line command_line = {
    .command = "diff",
    .usage = "usage: csann diff [options] OLD NEW\n"
             "\n"
             "Show how the costs changed from profile OLD to profile NEW (NEW - OLD),\n"
             "per function and, with --auto=yes, per source line.  Events are matched\n"
             "by name; both profiles must record the same events.\n"
             "\n"
             "options:\n",
    .options = options,
    .footer = "\n"
              "Exit status: 0 success, 1 unreadable profile, different events or an\n"
              "unwritable -o FILE, 2 usage error.\n",
    .operand = add_profile,
    .check = check_settings,
};

/* Event names -> indexes into p->events (the difference model of the
 * profiles old and new, which have the same events); all events when
 * names is empty. */
static int pick_events(const cs_profile *p, const cs_profile *old, const cs_profile *new_,
                       const char *what, const cs_strlist *names, size_t **out, size_t *n)
{
    size_t i;
    *out = xcalloc(p->n_events + names->count + 1, sizeof **out);
    *n = 0;
    if (!names->count || (names->count == 1 && strcmp(names->items[0], "all") == 0)) {
        for (i = 0; i < p->n_events; i++)
            (*out)[(*n)++] = i;
        return 0;
    }
    for (i = 0; i < names->count; i++) {
        int e = cs_event_index(p, names->items[i]);
        if (e < 0) {
            size_t k;
            fprintf(stderr, "csann diff: %s: no event '%s' in %s and %s (their events:",
                    what, names->items[i], old->path, new_->path);
            for (k = 0; k < p->n_events; k++)
                fprintf(stderr, " %s", p->events[k]);
            fputs(")\n", stderr);
            return -1;
        }
        (*out)[(*n)++] = (size_t)e;
    }
    return 0;
}

/* ----- sorting: regressions, then improvements, then the unchanged -------- */

static const cs_pairs *sort_rows;
static const size_t *sort_events;
static size_t n_sort_events;
static const cs_profile *sort_profile;

static int direction(cs_count c)
{
    return c > 0 ? 0 : c < 0 ? 1 : 2;
}

static int compare_rows(const void *pa, const void *pb)
{
    size_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb, i;
    int c;
    for (i = 0; i < n_sort_events; i++) {
        cs_count x = cs_pairs_change(sort_rows, a, sort_events[i]);
        cs_count y = cs_pairs_change(sort_rows, b, sort_events[i]);
        double ax = fabs((double)x), ay = fabs((double)y);
        if (direction(x) != direction(y))
            return direction(x) - direction(y);
        if (ax != ay)
            return ax > ay ? -1 : 1;
    }
    c = strcmp(cs_name(sort_profile, sort_rows->file[a]), cs_name(sort_profile, sort_rows->file[b]));
    if (c)
        return c;
    return strcmp(cs_name(sort_profile, sort_rows->name[a]), cs_name(sort_profile, sort_rows->name[b]));
}

/* ----- output ------------------------------------------------------------- */

static void print_profile_line(FILE *out, const char *title, const cs_profile *p)
{
    const cs_part *part = cs_first_selected_part(p);
    fprintf(out, "%s%s", title, p->path);
    if (p->creator)
        fprintf(out, " (creator: %s)", p->creator);
    fputs("\n", out);
    if (part && part->cmd)
        fprintf(out, "  command:        %s\n", part->cmd);
}

static void print_rules(FILE *out, const char *option, const cs_name_rules *r)
{
    size_t i;
    for (i = 0; i < r->count; i++)
        fprintf(out, "Name rule:        %s=%s\n", option, r->items[i].spec);
}

static void print_header(FILE *out, const settings *s, const cs_profile *old,
                         const cs_profile *new_, const cs_profile *d,
                         const size_t *show, size_t n_show, const size_t *sort,
                         size_t n_sort)
{
    size_t i;
    cs_report_rule(out);
    fputs("Differences NEW - OLD\n", out);
    cs_report_rule(out);
    print_profile_line(out, "OLD:              ", old);
    print_profile_line(out, "NEW:              ", new_);
    fprintf(out, "Parts:            %s%s\n", s->in.part ? "part " : "all, summed",
            s->in.part ? s->in.part : "");
    fputs("Events shown:    ", out);
    for (i = 0; i < n_show; i++)
        fprintf(out, " %s", d->events[show[i]]);
    fputs("\nEvent sort order:", out);
    for (i = 0; i < n_sort; i++)
        fprintf(out, " %s", d->events[sort[i]]);
    fprintf(out, "\nThreshold:        |change| >= %g%% of the old total of %s, per function\n",
            s->threshold, d->events[sort[0]]);
    print_rules(out, "--mod-filename", &s->in.file_rules);
    print_rules(out, "--mod-funcname", &s->in.func_rules);
    fprintf(out, "Auto-annotation:  %s\n\n", s->auto_annotate ? "on" : "off");
}

/* One line per shown event: old total, new total, change. */
static void print_totals(FILE *out, const cs_profile *d, const size_t *show,
                         size_t n_show, const cs_count *old, const cs_count *new_)
{
    size_t i, wn = 5, wo = 3, wv = 3, wc = 6;
    char o[32], n[32], c[32], r[32];
    for (i = 0; i < n_show; i++) {
        size_t e = show[i];
        cs_count change = (cs_count)((uint64_t)new_[e] - (uint64_t)old[e]);
        wn = strlen(d->events[e]) > wn ? strlen(d->events[e]) : wn;
        wo = cs_commify_signed(o, old[e], 0) > wo ? strlen(o) : wo;
        wv = cs_commify_signed(n, new_[e], 0) > wv ? strlen(n) : wv;
        wc = cs_commify_signed(c, change, 1) > wc ? strlen(c) : wc;
    }
    cs_report_rule(out);
    fprintf(out, "%-*s %*s %*s %*s\n", (int)wn, "Event", (int)wo, "old", (int)wv, "new",
            (int)wc, "change");
    cs_report_rule(out);
    for (i = 0; i < n_show; i++) {
        size_t e = show[i];
        cs_count change = (cs_count)((uint64_t)new_[e] - (uint64_t)old[e]);
        cs_commify_signed(o, old[e], 0);
        cs_commify_signed(n, new_[e], 0);
        cs_commify_signed(c, change, 1);
        cs_format_relative(r, old[e], change, CS_IN_BOTH);
        fprintf(out, "%-*s %*s %*s %*s %s\n", (int)wn, d->events[e], (int)wo, o,
                (int)wv, n, (int)wc, c, r);
    }
    fputs("\n", out);
}

static char *row_label(const cs_profile *d, const cs_pairs *t, size_t r)
{
    const char *file = cs_name(d, t->file[r]), *name = cs_name(d, t->name[r]);
    size_t len = strlen(file) + strlen(name) + 2;
    char *label = xmalloc(len);
    snprintf(label, len, "%s:%s", file, name);
    return label;
}

typedef struct difference {
    const cs_profile *d;
    const char *old_path, *new_path;
} difference;

static int write_difference(FILE *out, void *ctx)
{
    const difference *diff = ctx;
    char desc[2][2048];
    char *extra[2] = { desc[0], desc[1] };
    cs_write_options o = { "csann-diff " CSANN_VERSION, extra, 2 };
    snprintf(desc[0], sizeof desc[0], "Difference: NEW - OLD (negative counts are decreases)");
    snprintf(desc[1], sizeof desc[1], "Profiles: OLD=%s NEW=%s", diff->old_path,
             diff->new_path);
    return cs_profile_write(out, diff->d, &o);
}

/* p's program totals in the event order of the difference model d. */
static void totals_in(const cs_profile *d, const cs_profile *p, cs_count *out)
{
    size_t i, w = d->n_events;
    size_t *map = xcalloc(w, sizeof *map);
    cs_count *raw = xcalloc(w, sizeof *raw);
    cs_profile_totals(p, raw);
    cs_event_map(d, p, map);
    for (i = 0; i < p->n_events && i < w; i++)
        if (map[i] != CS_NO_EVENT)
            out[map[i]] = raw[i];
    free(map);
    free(raw);
}

/* The rows of the function table, and what the summary line counts. */
typedef struct listing {
    uint32_t *rows;             /* pairs listed, in table order */
    size_t n, n_new, n_gone, n_changed;
} listing;

/* The changed pairs whose change of the primary event reaches the
 * threshold, sorted: regressions, improvements, then by name. */
static void list_rows(const settings *s, const cs_profile *d, const cs_pairs *t,
                      const size_t *sort, size_t n_sort, const cs_count *old_totals,
                      const cs_count *new_totals, listing *l)
{
    size_t i, k, w = d->n_events;
    /* The threshold is relative to the old total (the new one if old is 0). */
    double base = (double)old_totals[sort[0]], limit;
    if (base == 0)
        base = (double)new_totals[sort[0]];
    limit = s->threshold / 100.0 * fabs(base);
    memset(l, 0, sizeof *l);
    l->rows = xcalloc(t->count + 1, sizeof *l->rows);
    for (i = 0; i < t->count; i++) {
        int changed = 0;
        for (k = 0; k < w; k++)
            changed |= cs_pairs_change(t, i, k) != 0;
        if (t->sides[i] == CS_IN_NEW)
            l->n_new++;
        else if (t->sides[i] == CS_IN_OLD)
            l->n_gone++;
        else if (changed)
            l->n_changed++;
        if (!changed || fabs((double)cs_pairs_change(t, i, sort[0])) < limit)
            continue;
        l->rows[l->n++] = (uint32_t)i;
    }
    sort_rows = t;
    sort_events = sort;
    n_sort_events = n_sort;
    sort_profile = d;
    qsort(l->rows, l->n, sizeof *l->rows, compare_rows);
}

/* The before/after table of the shown events, totals first. */
static void print_table(FILE *out, const cs_profile *d, const cs_pairs *t,
                        const size_t *show, size_t n_show, const cs_count *old_totals,
                        const cs_count *new_totals, const listing *l)
{
    cs_change_table table;
    size_t i, w = d->n_events;
    cs_change_table_init(&table, d, show, n_show);
    cs_change_table_measure(&table, old_totals, new_totals, CS_IN_BOTH);
    for (i = 0; i < l->n; i++)
        cs_change_table_measure(&table, t->old + l->rows[i] * w,
                                t->new_ + l->rows[i] * w, t->sides[l->rows[i]]);
    cs_report_rule(out);
    cs_change_table_titles(&table, out, "file:function");
    cs_report_rule(out);
    cs_change_table_row(&table, out, old_totals, new_totals, CS_IN_BOTH,
                        "PROGRAM TOTALS");
    for (i = 0; i < l->n; i++) {
        char *label = row_label(d, t, l->rows[i]);
        cs_change_table_row(&table, out, t->old + l->rows[i] * w,
                            t->new_ + l->rows[i] * w, t->sides[l->rows[i]], label);
        free(label);
    }
    cs_change_table_free(&table);
    fprintf(out, "\n%zu function%s changed, %zu new, %zu gone; %zu listed above.\n\n",
            l->n_changed, l->n_changed == 1 ? "" : "s", l->n_new, l->n_gone, l->n);
}

/* --auto=yes: the sources of the listed functions with per-line changes,
 * as percentages of the old totals. */
static void annotate_changes(FILE *out, const settings *s, const cs_profile *d,
                             const cs_pairs *t, const size_t *show, size_t n_show,
                             const cs_count *old_totals, const listing *l)
{
    cs_column *cols = xcalloc(n_show + 1, sizeof *cols);
    uint32_t *files = xcalloc(l->n + 1, sizeof *files);
    cs_annotate_request req;
    cs_report report;
    size_t i;
    for (i = 0; i < n_show; i++)
        cs_column_event(d, show[i], &cols[i]);
    cs_report_init(&report, cols, n_show, old_totals, 1);
    report.signed_counts = 1;
    for (i = 0; i < l->n; i++)
        files[i] = t->file[l->rows[i]];
    memset(&req, 0, sizeof req);
    req.includes = s->includes.items;
    req.n_includes = s->includes.count;
    req.candidates = files;
    req.n_candidates = l->n;
    req.context = s->context;
    cs_annotate_sources(out, d, &report, &req);
    cs_report_free(&report);
    for (i = 0; i < n_show; i++)
        cs_column_free(&cols[i]);
    free(cols);
    free(files);
}

static int run(settings *s, FILE *out)
{
    cs_profile *old = NULL, *new_ = NULL, *d = NULL;
    size_t *show = NULL, *sort = NULL, *all_events = NULL, n_show, n_sort, i, w;
    cs_count *old_totals = NULL, *new_totals = NULL;
    listing l = { NULL, 0, 0, 0, 0 };
    cs_pairs t;
    char err[1200];
    int rc = CSANN_OK;

    memset(&t, 0, sizeof t);
    if (!(old = cs_inputs_load(&s->in, s->old_path))
        || !(new_ = cs_inputs_load(&s->in, s->new_path))) {
        rc = CSANN_EDATA;
        goto done;
    }
    if (cs_same_events(old, new_, err, sizeof err) < 0) {
        fprintf(stderr, "csann diff: %s\n", err);
        rc = CSANN_EDATA;
        goto done;
    }
    /* A derived event (CEst) compares only when both profiles have it,
     * each worked out with its own formula. */
    cs_keep_shared_derived(old, new_);
    cs_fingerprint_warn(old, new_, "baseline", "new", NULL);

    /* The difference model: NEW added, OLD subtracted; the rows keep both. */
    d = cs_profile_new();
    cs_pairs_build(&t, d, old, new_, &s->in.file_rules, &s->in.func_rules);
    w = d->n_events;

    if (pick_events(d, old, new_, "--sort", &s->sort, &sort, &n_sort) < 0
        || pick_events(d, old, new_, "--show", &s->show, &show, &n_show) < 0) {
        rc = CSANN_EUSAGE;
        goto done;
    }
    /* One before/after triple per event is wide: show the primary event
     * unless asked for more. */
    if (!s->show.count) {
        show[0] = sort[0];
        n_show = 1;
    }
    all_events = xcalloc(w + 1, sizeof *all_events);
    for (i = 0; i < w; i++)
        all_events[i] = i;
    old_totals = xcalloc(w, sizeof *old_totals);
    new_totals = xcalloc(w, sizeof *new_totals);
    totals_in(d, old, old_totals);
    totals_in(d, new_, new_totals);
    list_rows(s, d, &t, sort, n_sort, old_totals, new_totals, &l);

    print_header(out, s, old, new_, d, show, n_show, sort, n_sort);
    print_totals(out, d, all_events, w, old_totals, new_totals);
    print_table(out, d, &t, show, n_show, old_totals, new_totals, &l);
    if (s->auto_annotate)
        annotate_changes(out, s, d, &t, show, n_show, old_totals, &l);
    if (cs_flush_output(out, "the report", err, sizeof err) < 0) {
        fprintf(stderr, "csann diff: %s\n", err);
        rc = CSANN_EDATA;
    }
    if (rc == CSANN_OK && s->output) {
        difference diff = { d, old->path, new_->path };
        if (cs_write_atomically(s->output, write_difference, &diff, err, sizeof err) < 0) {
            fprintf(stderr, "csann diff: %s\n", err);
            rc = CSANN_EDATA;
        }
    }
done:
    free(show);
    free(sort);
    free(all_events);
    free(l.rows);
    free(old_totals);
    free(new_totals);
    cs_pairs_free(&t);
    cs_profile_free(old);
    cs_profile_free(new_);
    cs_profile_free(d);
    return rc;
}

int cmd_diff(int argc, char **argv)
{
    settings s;
    int rc;
    memset(&s, 0, sizeof s);
    s.threshold = 0.1;
    s.context = 8;
    if (cs_parse_options(&command_line, &s, argc, argv, &rc) == 0)
        rc = run(&s, stdout);
    cs_strlist_clear(&s.show);
    cs_strlist_clear(&s.sort);
    cs_strlist_clear(&s.includes);
    cs_inputs_free(&s.in);
    return rc;
}
