/* check.c - `csann check PROFILE`: checks a profile against absolute
 * budgets (--budgets=FILE) or against a baseline profile with tolerances
 * (--baseline=FILE), for the whole run, per part and per function; one
 * PASS/FAIL line per checked item, a summary, an optional JUnit report.
 * Exit status: 0 all passed, 1 something failed, 2 bad input or usage. */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "budgets.h"
#include "commands.h"
#include "combine.h"
#include "fingerprint.h"
#include "function_pairs.h"
#include "junit.h"
#include "numfmt.h"
#include "options.h"
#include "profile_input.h"
#include "safe_write.h"
#include "tolerance.h"
#include "xalloc.h"

enum { CHECK_BAD = 2 };     /* bad input: every input problem, so 1 = a limit */

typedef struct settings {
    cs_inputs in;
    const char *budgets, *baseline, *tolerance, *junit, *profile;
    int strict, update_baseline;
} settings;

/* One checked item: a limit on one event of the run, a part or functions. */
typedef struct item {
    const char *scope;          /* "total", "part", "function", "fingerprint" */
    char *name;
    char *event;
    int has_old;
    cs_count old, new_, limit;
    int pass;
    char *note;
} item;

typedef struct items {
    item *v;
    size_t count;
} items;

static item *add_item(items *l, const char *scope, const char *name, const char *event)
{
    item *it;
    l->v = xrealloc(l->v, (l->count + 1) * sizeof *l->v);
    it = &l->v[l->count++];
    memset(it, 0, sizeof *it);
    it->scope = scope;
    it->name = xstrdup(name);
    it->event = xstrdup(event);
    return it;
}

static void free_items(items *l)
{
    size_t i;
    for (i = 0; i < l->count; i++) {
        free(l->v[i].name);
        free(l->v[i].event);
        free(l->v[i].note);
    }
    free(l->v);
}

/* A string option whose empty value is refused like a missing one. */
#define STRING_OPTION(opt, member, arg) \
    .type = CS_OPT_STRING, .name = opt, .field = offsetof(settings, member), \
    .argh = arg, .flags = CS_OPT_NONEMPTY

static const cs_option options[] = {
    { STRING_OPTION("--budgets", budgets, "FILE"),
      .help = "limits, one a line: 'total EVENT <= N',\n"
              "'part LABEL EVENT <= N', 'function PATTERN EVENT <= N'\n"
              "(PATTERN: a glob on FILE:FUNCTION if it has a ':',\n"
              "else on the function name); '#' starts a comment" },
    { STRING_OPTION("--baseline", baseline, "FILE"),
      .help = "compare with this profile: a count fails when it\n"
              "exceeds the baseline's by more than the tolerance" },
    { STRING_OPTION("--tolerance", tolerance, "SPEC"),
      .help = "EVENT:N (absolute) or EVENT:P% (of the baseline),\n"
              "comma-separated; only the listed events are\n"
              "checked [Ir:0]" },
    { .type = CS_OPT_FLAG, .name = "--strict", .field = offsetof(settings, strict),
      .help = "fail when the fingerprints of the baseline and the\n"
              "profile differ (else a warning)" },
    { STRING_OPTION("--junit", junit, "FILE"),
      .help = "also write a JUnit XML report to FILE" },
    { .type = CS_OPT_FLAG, .name = "--update-baseline",
      .field = offsetof(settings, update_baseline),
      .help = "after checking, copy PROFILE over the --baseline\n"
              "FILE (the exit status still reports the check)" },
    CS_INPUT_OPTIONS(settings, in),
    CS_OPT_HELP_ENTRIES,
    CS_OPT_TABLE_END
};

static int set_profile(void *settings_, const char *arg, cs_opt_error *e)
{
    settings *s = settings_;
    if (s->profile)
        return cs_opt_fail(e, "only one profile may be checked ('%s')", arg);
    s->profile = arg;
    return 0;
}

static int check_settings(void *settings_, cs_opt_error *e)
{
    const settings *s = settings_;
    if (!s->profile)
        return cs_opt_fail(e, "no profile given");
    if (!s->budgets == !s->baseline)
        return cs_opt_fail(e, "give either --budgets=FILE or --baseline=FILE");
    if (s->tolerance && !s->baseline)
        return cs_opt_fail(e, "--tolerance needs --baseline");
    if (s->update_baseline && !s->baseline)
        return cs_opt_fail(e, "--update-baseline needs --baseline");
    return 0;
}

static const cs_command_line command_line = {
    .command = "check",
    .usage = "usage: csann check --budgets=FILE [options] PROFILE\n"
             "       csann check --baseline=FILE [--tolerance=SPEC] [options] PROFILE\n"
             "\n"
             "Check a profile against absolute budgets, or against a baseline profile\n"
             "with tolerances: for the whole run, per part and per function.  Prints\n"
             "one PASS/FAIL line per checked item and a summary.  A count exactly at\n"
             "its limit passes.\n"
             "\n"
             "options:\n",
    .options = options,
    .footer = "\n"
              "Exit status: 0 all passed, 1 some item failed, 2 bad input (unreadable\n"
              "or mismatched profiles, malformed budgets file), a report or --junit\n"
              "file that could not be written, or usage error.\n",
    .operand = set_profile,
    .check = check_settings,
};

/* ----- checking ------------------------------------------------------- */

static void check_item(item *it, const cs_tolerance *t, int has_old, cs_count old,
                       cs_count new_)
{
    it->has_old = has_old;
    it->old = old;
    it->new_ = new_;
    it->limit = cs_tolerance_limit(t, has_old ? old : 0);
    it->pass = new_ <= it->limit;
}

/* ----- the two modes --------------------------------------------------- */

static const cs_part *find_part(const cs_profile *p, const char *name)
{
    size_t i;
    char buf[32];
    for (i = 0; i < p->n_parts; i++)
        if (p->parts[i].selected
            && strcmp(cs_part_name(p, &p->parts[i], buf), name) == 0)
            return &p->parts[i];
    return NULL;
}

static size_t n_selected_parts(const cs_profile *p)
{
    size_t i, n = 0;
    for (i = 0; i < p->n_parts; i++)
        n += p->parts[i].selected != 0;
    return n;
}

static char *function_label(const cs_profile *d, const cs_pairs *t, size_t r)
{
    const char *file = cs_name(d, t->file[r]), *name = cs_name(d, t->name[r]);
    size_t len = strlen(file) + strlen(name) + 2;
    char *label = xmalloc(len);
    snprintf(label, len, "%s:%s", file, name);
    return label;
}

static int check_baseline(const settings *s, const cs_profile *base,
                          const cs_profile *p, items *out)
{
    cs_tolerance *tols = NULL;
    size_t n_tols, i, k;
    size_t *map = xcalloc(p->n_events + base->n_events + 1, sizeof *map);
    cs_count *base_totals = xcalloc(p->n_events + 1, sizeof *base_totals);
    cs_count *raw = xcalloc(p->n_events + base->n_events + 1, sizeof *raw);
    cs_count *totals = xcalloc(p->n_events + 1, sizeof *totals);
    cs_profile *d = cs_profile_new();
    cs_pairs t;
    char buf[32], err[1200];
    int rc = 0;

    memset(&t, 0, sizeof t);
    if (cs_tolerances_parse(p, s->tolerance ? s->tolerance : "Ir:0", &tols, &n_tols,
                            err, sizeof err) < 0) {
        fprintf(stderr, "csann check: --tolerance: %s\n", err);
        rc = -1;
        goto done;
    }
    /* Whole run. */
    cs_event_map(p, base, map);
    cs_profile_totals(base, raw);
    for (i = 0; i < base->n_events; i++)
        if (map[i] != CS_NO_EVENT)
            base_totals[map[i]] = raw[i];
    cs_profile_totals(p, totals);
    for (k = 0; k < n_tols; k++)
        check_item(add_item(out, "total", "", p->events[tols[k].event]), &tols[k], 1,
                   base_totals[tols[k].event], totals[tols[k].event]);
    /* Parts, by name, when there is more than one. */
    if (n_selected_parts(p) > 1 || n_selected_parts(base) > 1) {
        for (i = 0; i < p->n_parts; i++) {
            const cs_part *part = &p->parts[i], *old;
            const char *name = cs_part_name(p, part, buf);
            if (!part->selected)
                continue;
            old = find_part(base, name);
            for (k = 0; k < n_tols; k++) {
                size_t e = tols[k].event;
                item *it = add_item(out, "part", name, p->events[e]);
                cs_count old_count = 0;
                if (old) {
                    size_t j;
                    for (j = 0; j < base->n_events; j++)
                        if (map[j] == e)
                            old_count = cs_part_totals(base, old)[j];
                } else {
                    it->note = xstrdup("not in the baseline");
                }
                check_item(it, &tols[k], old != NULL, old_count,
                           cs_part_totals(p, part)[e]);
            }
        }
        for (i = 0; i < base->n_parts; i++) {
            const char *name = cs_part_name(base, &base->parts[i], buf);
            if (base->parts[i].selected && !find_part(p, name)) {
                item *it = add_item(out, "part", name, "-");
                it->has_old = 1;
                it->pass = 0;
                it->note = xstrdup("missing from the profile");
            }
        }
    }
    /* Functions (d has p's event order, so tolerance indexes apply). */
    cs_pairs_build(&t, d, base, p, &s->in.file_rules, &s->in.func_rules);
    for (i = 0; i < t.count; i++) {
        char *label = function_label(d, &t, i);
        for (k = 0; k < n_tols; k++) {
            size_t e = tols[k].event;
            cs_count old = t.old[i * t.width + e], new_ = t.new_[i * t.width + e];
            item *it;
            if (old == 0 && new_ == 0)
                continue;
            it = add_item(out, "function", label, p->events[e]);
            check_item(it, &tols[k], t.sides[i] & CS_IN_OLD, old, new_);
            if (t.sides[i] == CS_IN_NEW)
                it->note = xstrdup("new function");
            else if (t.sides[i] == CS_IN_OLD)
                it->note = xstrdup("gone from the profile");
        }
        free(label);
    }
done:
    cs_pairs_free(&t);
    cs_profile_free(d);
    free(tols);
    free(map);
    free(base_totals);
    free(raw);
    free(totals);
    return rc;
}

/* Matches a function budget: a pattern with ':' against "file:function",
 * else against the function name. */
static int function_matches(const char *pattern, const char *name, const char *label)
{
    return fnmatch(pattern, strchr(pattern, ':') ? label : name, 0) == 0;
}

static int check_budgets(const settings *s, const cs_profile *p, items *out)
{
    cs_budgets b;
    cs_count *totals = xcalloc(p->n_events + 1, sizeof *totals);
    cs_profile *d = cs_profile_new();
    cs_pairs t;
    char err[1200];
    size_t i, r;
    int rc = 0;

    memset(&t, 0, sizeof t);
    if (cs_budgets_read(s->budgets, &b, err, sizeof err) < 0) {
        fprintf(stderr, "csann check: %s\n", err);
        free(totals);
        cs_profile_free(d);
        return -1;
    }
    for (i = 0; i < b.count; i++)
        if (cs_event_index(p, b.items[i].event) < 0) {
            fprintf(stderr, "csann check: %s:%lu: no event '%s' in %s\n", b.path,
                    b.items[i].line, b.items[i].event, p->path);
            rc = -1;
            goto done;
        }
    cs_profile_totals(p, totals);
    cs_pairs_build(&t, d, NULL, p, &s->in.file_rules, &s->in.func_rules);
    for (i = 0; i < b.count; i++) {
        const cs_budget *g = &b.items[i];
        int e = cs_event_index(p, g->event);
        item *it;
        if (g->scope == CS_BUDGET_TOTAL) {
            it = add_item(out, "total", "", g->event);
            it->new_ = totals[e];
        } else if (g->scope == CS_BUDGET_PART) {
            const cs_part *part = find_part(p, g->target);
            it = add_item(out, "part", g->target, g->event);
            if (part)
                it->new_ = cs_part_totals(p, part)[e];
            else
                it->note = xstrdup("no such part in the profile");
        } else {
            size_t matched = 0;
            int de = cs_event_index(d, g->event);
            it = add_item(out, "function", g->target, g->event);
            for (r = 0; r < t.count; r++) {
                char *label = function_label(d, &t, r);
                if (function_matches(g->target, cs_name(d, t.name[r]), label)) {
                    it->new_ = cs_count_add(it->new_, t.new_[r * t.width + (size_t)de]);
                    matched++;
                }
                free(label);
            }
            if (!matched) {
                it->note = xstrdup("no function matches");
            } else if (matched > 1 || strpbrk(g->target, "*?[")) {
                char note[64];
                snprintf(note, sizeof note, "%zu function%s", matched, matched == 1 ? "" : "s");
                it->note = xstrdup(note);
            }
        }
        it->limit = g->limit;
        it->pass = it->new_ <= g->limit && !(it->note && strncmp(it->note, "no ", 3) == 0);
    }
done:
    cs_pairs_free(&t);
    cs_profile_free(d);
    cs_budgets_free(&b);
    free(totals);
    return rc;
}

/* ----- output ------------------------------------------------------------ */

static void print_items(FILE *out, const items *l)
{
    size_t i, w_name = 4, w_event = 5;
    char o[32], n[32], m[32];
    for (i = 0; i < l->count; i++) {
        size_t len = strlen(l->v[i].scope) + 1 + strlen(l->v[i].name);
        if (len > w_name)
            w_name = len;
        if (strlen(l->v[i].event) > w_event)
            w_event = strlen(l->v[i].event);
    }
    fprintf(out, "%-6s %-*s %-*s %15s %15s %15s\n", "RESULT", (int)w_name, "ITEM",
            (int)w_event, "EVENT", "BASELINE", "NEW", "LIMIT");
    for (i = 0; i < l->count; i++) {
        const item *it = &l->v[i];
        char label[1024];
        snprintf(label, sizeof label, "%s%s%s", it->scope, *it->name ? " " : "", it->name);
        if (it->has_old)
            cs_commify_signed(o, it->old, 0);
        else
            strcpy(o, "-");
        cs_commify_signed(n, it->new_, 0);
        cs_commify_signed(m, it->limit, 0);
        if (strcmp(it->scope, "fingerprint") == 0 || strcmp(it->event, "-") == 0) {
            fprintf(out, "%-6s %-*s %-*s %15s %15s %15s  %s\n", it->pass ? "PASS" : "FAIL",
                    (int)w_name, label, (int)w_event, it->event, "", "", "",
                    it->note ? it->note : "");
            continue;
        }
        fprintf(out, "%-6s %-*s %-*s %15s %15s %15s%s%s\n", it->pass ? "PASS" : "FAIL",
                (int)w_name, label, (int)w_event, it->event, o, n, m,
                it->note ? "  " : "", it->note ? it->note : "");
    }
}

static int write_junit(const char *path, const items *l)
{
    cs_junit_case *cases = xcalloc(l->count + 1, sizeof *cases);
    char **names = xcalloc(l->count + 1, sizeof *names);
    char **messages = xcalloc(l->count + 1, sizeof *messages);
    char **classes = xcalloc(l->count + 1, sizeof *classes);
    char err[1200], o[32], n[32], m[32];
    size_t i;
    int rc;
    for (i = 0; i < l->count; i++) {
        const item *it = &l->v[i];
        size_t len = strlen(it->name) + strlen(it->event) + 64;
        names[i] = xmalloc(len);
        snprintf(names[i], len, "%s%s%s", *it->name ? it->name : "run",
                 strcmp(it->event, "-") ? " " : "", strcmp(it->event, "-") ? it->event : "");
        classes[i] = xmalloc(strlen(it->scope) + 16);
        sprintf(classes[i], "csann.check.%s", it->scope);
        cases[i].classname = classes[i];
        cases[i].name = names[i];
        if (!it->pass) {
            len = 200 + (it->note ? strlen(it->note) : 0) + strlen(it->event);
            messages[i] = xmalloc(len);
            cs_commify_signed(o, it->old, 0);
            cs_commify_signed(n, it->new_, 0);
            cs_commify_signed(m, it->limit, 0);
            if (strcmp(it->event, "-") == 0 || strcmp(it->scope, "fingerprint") == 0)
                snprintf(messages[i], len, "%s", it->note ? it->note : "failed");
            else
                snprintf(messages[i], len, "%s %s > limit %s (baseline %s)%s%s", it->event,
                         n, m, it->has_old ? o : "-", it->note ? "; " : "",
                         it->note ? it->note : "");
            cases[i].failure = messages[i];
        }
    }
    rc = cs_junit_write(path, "csann check", cases, l->count, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "csann check: %s\n", err);
    for (i = 0; i < l->count; i++) {
        free(names[i]);
        free(messages[i]);
        free(classes[i]);
    }
    free(names);
    free(messages);
    free(classes);
    free(cases);
    return rc;
}

static int run(const settings *s)
{
    cs_profile *p = NULL, *base = NULL;
    items l = { NULL, 0 };
    size_t i, failed = 0;
    char err[1200];
    int rc = CSANN_OK;

    if (!(p = cs_inputs_load(&s->in, s->profile))) {
        rc = CHECK_BAD;
        goto done;
    }
    if (s->baseline) {
        int compared = 0;
        size_t n_diff;
        if (!(base = cs_inputs_load(&s->in, s->baseline))) {
            rc = CHECK_BAD;
            goto done;
        }
        if (cs_same_events(base, p, err, sizeof err) < 0) {
            fprintf(stderr, "csann check: %s\n", err);
            rc = CHECK_BAD;
            goto done;
        }
        /* A derived event (CEst) compares only when both profiles have it. */
        cs_keep_shared_derived(base, p);
        n_diff = cs_fingerprint_warn(base, p, "baseline", "new", &compared);
        if (compared) {
            item *it = add_item(&l, "fingerprint", "", "-");
            it->pass = n_diff == 0 || !s->strict;
            if (n_diff) {
                char note[96];
                snprintf(note, sizeof note, "%zu field%s differ%s%s", n_diff,
                         n_diff == 1 ? "" : "s", n_diff == 1 ? "s" : "",
                         s->strict ? " (--strict)" : " (warning only)");
                it->note = xstrdup(note);
            } else {
                it->note = xstrdup("equal");
            }
        }
        if (check_baseline(s, base, p, &l) < 0) {
            rc = CHECK_BAD;
            goto done;
        }
    } else if (check_budgets(s, p, &l) < 0) {
        rc = CHECK_BAD;
        goto done;
    }
    print_items(stdout, &l);
    for (i = 0; i < l.count; i++)
        failed += !l.v[i].pass;
    printf("\n%zu checked, %zu passed, %zu failed: %s\n", l.count, l.count - failed,
           failed, failed ? "FAIL" : "PASS");
    rc = failed ? CSANN_EDATA : CSANN_OK;
    if (cs_flush_output(stdout, "the report", err, sizeof err) < 0) {
        fprintf(stderr, "csann check: %s\n", err);
        rc = CHECK_BAD;
    }
    if (s->junit && write_junit(s->junit, &l) < 0)
        rc = CHECK_BAD;
    if (s->update_baseline) {
        if (cs_copy_atomically(s->profile, s->baseline, err, sizeof err) < 0) {
            fprintf(stderr, "csann check: --update-baseline: %s\n", err);
            rc = CHECK_BAD;
        } else {
            fprintf(stderr, "csann check: baseline %s updated from %s\n", s->baseline,
                    s->profile);
        }
    }
done:
    free_items(&l);
    cs_profile_free(p);
    cs_profile_free(base);
    return rc;
}

int cmd_check(int argc, char **argv)
{
    settings s;
    int rc;
    memset(&s, 0, sizeof s);
    if (cs_parse_options(&command_line, &s, argc, argv, &rc) == 0)
        rc = run(&s);
    cs_inputs_free(&s.in);
    return rc;
}
