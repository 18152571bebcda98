/* annotate_source.c - the annotated-source sections of `csann annotate`:
 * per-line costs of a source file, +-context ranges around the lines with
 * costs, the "=> callee" rows of call sites, and the missing-files list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "annotate_source.h"
#include "source.h"
#include "xalloc.h"

static void add_to(cs_count *d, const cs_count *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        d[i] = cs_count_add(d[i], s[i]);
}


typedef struct by_file {
    uint32_t *lines;    /* line-cost indexes sorted by (file, line) */
    uint32_t *calls;    /* call indexes sorted by (file, line) */
} by_file;

static const cs_profile *order_profile;

static int compare_line_costs(const void *pa, const void *pb)
{
    const cs_line_cost *a = &order_profile->lines[*(const uint32_t *)pa];
    const cs_line_cost *b = &order_profile->lines[*(const uint32_t *)pb];
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return 0;
}

static int compare_calls(const void *pa, const void *pb)
{
    const cs_call *a = &order_profile->calls[*(const uint32_t *)pa];
    const cs_call *b = &order_profile->calls[*(const uint32_t *)pb];
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return *(const uint32_t *)pa < *(const uint32_t *)pb ? -1 : 1;
}

static void build_by_file(const cs_profile *p, by_file *b)
{
    size_t i;
    b->lines = xcalloc(p->n_lines + 1, sizeof *b->lines);
    b->calls = xcalloc(p->n_calls + 1, sizeof *b->calls);
    for (i = 0; i < p->n_lines; i++)
        b->lines[i] = (uint32_t)i;
    for (i = 0; i < p->n_calls; i++)
        b->calls[i] = (uint32_t)i;
    order_profile = p;
    qsort(b->lines, p->n_lines, sizeof *b->lines, compare_line_costs);
    qsort(b->calls, p->n_calls, sizeof *b->calls, compare_calls);
}

/* The per-line data of one source file (from one or more file ids). */
typedef struct file_data {
    uint64_t *line;         /* distinct line numbers, ascending */
    cs_count *cost;         /* n_events per line */
    size_t n;
    uint32_t *calls;        /* call indexes, sorted by line */
    size_t n_calls;
} file_data;

static void add_file_id(const cs_profile *p, const by_file *b, uint32_t file,
                        file_data *d, size_t *cap, size_t *calls_cap)
{
    size_t lo = 0, hi = p->n_lines, w = p->n_events;
    while (lo < hi) {   /* the first line cost of this file */
        size_t mid = (lo + hi) / 2;
        if (p->lines[b->lines[mid]].file < file)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < p->n_lines && p->lines[b->lines[lo]].file == file; lo++) {
        const cs_line_cost *l = &p->lines[b->lines[lo]];
        xgrow((void **)&d->line, cap, d->n + 1, sizeof *d->line);
        d->cost = xrealloc(d->cost, *cap * w * sizeof *d->cost);
        d->line[d->n] = l->line;
        memcpy(d->cost + d->n * w, cs_cost(p, l->cost), w * sizeof *d->cost);
        d->n++;
    }
    lo = 0;
    hi = p->n_calls;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->calls[b->calls[mid]].file < file)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < p->n_calls && p->calls[b->calls[lo]].file == file; lo++) {
        xgrow((void **)&d->calls, calls_cap, d->n_calls + 1, sizeof *d->calls);
        d->calls[d->n_calls++] = b->calls[lo];
    }
}

/* Sorts by line and merges equal lines (from several functions/files). */
static void finish_file_data(const cs_profile *p, file_data *d)
{
    size_t i, j, k, w = p->n_events, out = 0;
    /* Insertion-free merge: sort an index by line, then rebuild. */
    uint64_t *line = xcalloc(d->n + 1, sizeof *line);
    cs_count *cost = xcalloc((d->n + 1) * w, sizeof *cost);
    size_t *idx = xcalloc(d->n + 1, sizeof *idx);
    for (i = 0; i < d->n; i++)
        idx[i] = i;
    /* d->line is sorted within each file id; a shell sort of the index keeps
     * this simple and is fast on such nearly sorted input. */
    for (k = d->n / 2; k > 0; k /= 2)
        for (i = k; i < d->n; i++)
            for (j = i; j >= k && d->line[idx[j - k]] > d->line[idx[j]]; j -= k) {
                size_t t = idx[j];
                idx[j] = idx[j - k];
                idx[j - k] = t;
            }
    for (i = 0; i < d->n; i++) {
        size_t s = idx[i];
        if (out == 0 || line[out - 1] != d->line[s]) {
            line[out] = d->line[s];
            out++;
        }
        add_to(cost + (out - 1) * w, d->cost + s * w, w);
    }
    free(idx);
    free(d->line);
    free(d->cost);
    d->line = line;
    d->cost = cost;
    d->n = out;
    order_profile = p;
    if (d->n_calls)     /* d->calls is NULL without calls (a diff profile) */
        qsort(d->calls, d->n_calls, sizeof *d->calls, compare_calls);
    /* Calls from several file ids: order by line only. */
    for (k = d->n_calls / 2; k > 0; k /= 2)
        for (i = k; i < d->n_calls; i++)
            for (j = i; j >= k && p->calls[d->calls[j - k]].line > p->calls[d->calls[j]].line; j -= k) {
                uint32_t t = d->calls[j];
                d->calls[j] = d->calls[j - k];
                d->calls[j - k] = t;
            }
}

static void free_file_data(file_data *d)
{
    free(d->line);
    free(d->cost);
    free(d->calls);
}

typedef struct annotator {
    const cs_profile *p;
    cs_report *report;
    FILE *out;
    int context;
} annotator;

static void print_call_rows(const annotator *a, const file_data *d, size_t *ci,
                            uint64_t line)
{
    const cs_profile *p = a->p;
    char label[64];
    for (; *ci < d->n_calls && p->calls[d->calls[*ci]].line == line; (*ci)++) {
        const cs_call *call = &p->calls[d->calls[*ci]];
        const cs_function *f = &p->funcs[call->callee];
        const char *file = cs_name(p, f->file), *name = cs_name(p, f->name);
        size_t len = strlen(file) + strlen(name) + 40;
        char *text = xmalloc(len);
        snprintf(label, sizeof label, "%llu", (unsigned long long)call->count);
        snprintf(text, len, "=> %s:%s (%sx)", file, name, label);
        cs_report_row(a->report, a->out, cs_cost(p, call->inclusive), 0, text);
        free(text);
    }
}

/* The next hot line at or after the positions di and ci, which it advances
 * past that line; UINT64_MAX when there is none. */
static uint64_t next_hot(const cs_profile *p, const file_data *d, size_t *di,
                         size_t *ci)
{
    uint64_t hot = *di < d->n ? d->line[*di] : UINT64_MAX;
    if (*ci < d->n_calls && p->calls[d->calls[*ci]].line < hot)
        hot = p->calls[d->calls[*ci]].line;
    while (*di < d->n && d->line[*di] == hot)
        (*di)++;
    while (*ci < d->n_calls && p->calls[d->calls[*ci]].line == hot)
        (*ci)++;
    return hot;
}

static void measure_file(const annotator *a, const file_data *d)
{
    size_t i;
    cs_report_reset(a->report);
    for (i = 0; i < d->n; i++)
        cs_report_measure(a->report, d->cost + i * a->p->n_events, 1);
    for (i = 0; i < d->n_calls; i++)
        cs_report_measure(a->report, cs_cost(a->p, a->p->calls[d->calls[i]].inclusive), 0);
}

static void print_file(const annotator *a, const char *kind, const char *name,
                       const file_data *d, const cs_source *src)
{
    const cs_profile *p = a->p;
    size_t w = p->n_events, di = 0, ci = 0, ctx = (size_t)a->context;
    uint64_t n_src = src->n_lines, next = 1;
    char bogus[64];


    cs_report_rule(a->out);
    fprintf(a->out, "-- %s source: %s\n", kind, name);
    cs_report_rule(a->out);
    if (strcmp(src->path, name) != 0)
        fprintf(a->out, "(found as %s)\n", src->path);
    if (src->mtime > p->mtime)
        fprintf(a->out, "@@ WARNING: %s is newer than the profile %s;\n"
                "@@ the annotations below may not match its lines.\n",
                src->path, p->path);
    if (d->n == 0 && d->n_calls == 0) {
        fprintf(a->out, "  No information has been collected for %s\n\n", name);
        return;
    }
    measure_file(a, d);
    cs_report_titles(a->report, a->out, "");
    fputs("\n", a->out);
    /* Line 0: costs without line information. */
    if (di < d->n && d->line[di] == 0) {
        cs_report_row(a->report, a->out, d->cost, 1, "<unknown (line 0)>");
        di++;
    }
    while (ci < d->n_calls && p->calls[d->calls[ci]].line == 0)
        print_call_rows(a, d, &ci, 0);
    /* Print ranges of +-ctx lines around the hot lines (those with costs or
     * calls), merging ranges that touch; elided runs get a marker. */
    for (;;) {
        size_t hd = di, hc = ci;
        uint64_t hot = next_hot(p, d, &hd, &hc), l, first, last;
        if (hot == UINT64_MAX || hot > n_src)
            break;
        first = hot > ctx ? hot - ctx : 1;
        if (first < next)
            first = next;
        last = hot + ctx;
        for (;;) {
            uint64_t h2 = next_hot(p, d, &hd, &hc);
            if (h2 == UINT64_MAX || h2 > n_src || h2 > last + ctx + 1)
                break;
            last = h2 + ctx;
        }
        if (last > n_src)
            last = n_src;
        if (first > next)
            fprintf(a->out, "-- line %llu ----------------------------------------\n",
                    (unsigned long long)first);
        for (l = first; l <= last; l++) {
            int has = di < d->n && d->line[di] == l;
            cs_report_row(a->report, a->out, has ? d->cost + di * w : NULL, 1,
                          src->lines[l - 1]);
            if (has)
                di++;
            print_call_rows(a, d, &ci, l);
        }
        next = last + 1;
    }
    if (di < d->n || ci < d->n_calls) {
        fprintf(a->out, "\n@@ WARNING: %s has only %llu lines, but the profile has costs for\n"
                "@@ lines beyond them; the source may have changed since profiling.\n",
                src->path, (unsigned long long)n_src);
        for (; di < d->n; di++) {
            snprintf(bogus, sizeof bogus, "<bogus line %llu>",
                     (unsigned long long)d->line[di]);
            cs_report_row(a->report, a->out, d->cost + di * w, 1, bogus);
        }
        while (ci < d->n_calls)
            print_call_rows(a, d, &ci, p->calls[d->calls[ci]].line);
    }
    fputs("\n", a->out);
}

static int file_matches(const char *profile_name, const char *given)
{
    size_t pl = strlen(profile_name), gl;
    while (given[0] == '.' && given[1] == '/')
        given += 2;
    gl = strlen(given);
    if (strcmp(profile_name, given) == 0)
        return 1;
    if (pl > gl && profile_name[pl - gl - 1] == '/'
        && strcmp(profile_name + pl - gl, given) == 0)
        return 1;
    return gl > pl && given[gl - pl - 1] == '/'
           && strcmp(given + gl - pl, profile_name) == 0;
}

static int compare_names(const void *pa, const void *pb)
{
    return strcmp(cs_name(order_profile, *(const uint32_t *)pa),
                  cs_name(order_profile, *(const uint32_t *)pb));
}

void cs_annotate_sources(FILE *out, const cs_profile *p, cs_report *report,
                         const cs_annotate_request *req)
{
    annotator a;
    by_file b;
    size_t i, j, n_auto = 0, n_missing = 0;
    size_t n_names = cs_strtab_count(p->names);
    unsigned char *done = xcalloc(n_names + 1, 1);
    uint32_t *auto_files = xcalloc(req->n_candidates + 1, sizeof *auto_files);
    uint32_t *missing = xcalloc(req->n_candidates + 1, sizeof *missing);
    uint32_t unknown = (uint32_t)n_names;

    a.p = p;
    a.report = report;
    a.out = out;
    a.context = req->context;
    build_by_file(p, &b);
    for (i = 0; i < n_names; i++)
        if (strcmp(cs_name(p, (uint32_t)i), "???") == 0)
            unknown = (uint32_t)i;
    /* Files the user named are annotated whatever --auto says. */
    for (i = 0; i < req->n_sources; i++) {
        file_data d;
        size_t cap = 0, calls_cap = 0;
        cs_source src;
        memset(&d, 0, sizeof d);
        for (j = 0; j < n_names; j++)
            if (file_matches(cs_name(p, (uint32_t)j), req->sources[i])) {
                add_file_id(p, &b, (uint32_t)j, &d, &cap, &calls_cap);
                done[j] = 1;
            }
        if (cs_source_load(req->sources[i], req->includes, req->n_includes, &src) < 0) {
            cs_report_rule(out);
            fprintf(out, "-- User-annotated source: %s\n", req->sources[i]);
            cs_report_rule(out);
            fprintf(out, "  This file could not be found or read.\n\n");
        } else {
            finish_file_data(p, &d);
            print_file(&a, "User-annotated", req->sources[i], &d, &src);
            cs_source_free(&src);
        }
        free_file_data(&d);
    }
    for (i = 0; i < req->n_candidates; i++) {
        uint32_t f = req->candidates[i];
        if (f >= n_names || done[f] || f == unknown)
            continue;
        done[f] = 1;
        auto_files[n_auto++] = f;
    }
    order_profile = p;
    qsort(auto_files, n_auto, sizeof *auto_files, compare_names);
    for (i = 0; i < n_auto; i++) {
        file_data d;
        size_t cap = 0, calls_cap = 0;
        cs_source src;
        const char *name = cs_name(p, auto_files[i]);
        if (cs_source_load(name, req->includes, req->n_includes, &src) < 0) {
            missing[n_missing++] = auto_files[i];
            continue;
        }
        memset(&d, 0, sizeof d);
        add_file_id(p, &b, auto_files[i], &d, &cap, &calls_cap);
        finish_file_data(p, &d);
        print_file(&a, "Auto-annotated", name, &d, &src);
        free_file_data(&d);
        cs_source_free(&src);
    }
    if (n_missing) {
        cs_report_rule(out);
        fprintf(out, "The following files chosen for auto-annotation could not be found:\n");
        cs_report_rule(out);
        for (i = 0; i < n_missing; i++)
            fprintf(out, "  %s\n", cs_name(p, missing[i]));
        fprintf(out, "\n(Tell csann where the sources are with -I DIR or --include=DIR.)\n\n");
    }
    free(done);
    free(auto_files);
    free(missing);
    free(b.lines);
    free(b.calls);
}

