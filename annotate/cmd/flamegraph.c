/* flamegraph.c - `csann flamegraph [--diff OLD] PROFILE`: an interactive
 * SVG flame graph (or folded stacks) of one event, from the exact calling
 * contexts of cachesim --call-graph=yes, or reconstructed from calls=
 * pairs for other profiles. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "column.h"
#include "flame_build.h"
#include "flame_svg.h"
#include "flame_tree.h"
#include "options.h"
#include "profile_input.h"
#include "safe_write.h"
#include "xalloc.h"

typedef struct settings {
    cs_inputs in;
    double threshold;           /* --threshold: % of the root's total */
    const char *event;          /* NULL: the profile's first event */
    const char *output;         /* NULL: stdout */
    const char *title;
    int folded, diff;
    const char *paths[2];       /* PROFILE, or OLD NEW with --diff */
    int n_paths;
} settings;

static const cs_option options[] = {
    { .type = CS_OPT_STRING, .name = "--event", .field = offsetof(settings, event),
      .argh = "EV", .flags = CS_OPT_NONEMPTY,
      .help = "the event that sets the widths: Ir, D1mr, DLmr,\n"
              "Bcm, ... or a sum NAME=EV+EV... (L1m=I1mr+D1mr+D1mw)\n"
              "[the profile's first event]" },
    { .type = CS_OPT_STRING, .name = "-o", .field = offsetof(settings, output),
      .argh = "FILE", .missing = "option '%s' needs a file name" },
    { .type = CS_OPT_STRING, .name = "--output", .field = offsetof(settings, output),
      .argh = "FILE", .flags = CS_OPT_NONEMPTY,
      .help = "write to FILE (atomically) [standard output]" },
    { .type = CS_OPT_STRING, .name = "--title", .field = offsetof(settings, title),
      .argh = "TEXT", .help = "the graph's title [the event and the profile]" },
    { .type = CS_OPT_PERCENT, .name = "--threshold", .field = offsetof(settings, threshold),
      .argh = "PCT", .help = "leave out frames under PCT% of the total [0.1]" },
    { .type = CS_OPT_FLAG, .name = "--folded", .field = offsetof(settings, folded),
      .help = "write folded stacks (\"main;f;g COUNT\", one line\n"
              "per context with a non-zero count) instead of SVG;\n"
              "with --diff, \"STACK OLD NEW\" lines" },
    { .type = CS_OPT_FLAG, .name = "--diff", .field = offsetof(settings, diff),
      .help = "differential graph of OLD -> NEW: widths from NEW,\n"
              "red where a context's self count grew, blue where\n"
              "it shrank; contexts matched by their stack" },
    CS_INPUT_OPTIONS(settings, in),
    CS_OPT_HELP_ENTRIES,
    CS_OPT_TABLE_END
};

static int add_profile(void *settings_, const char *arg, cs_opt_error *e)
{
    settings *s = settings_;
    if (s->n_paths == 2)
        return cs_opt_fail(e, "too many profiles at '%s'", arg);
    s->paths[s->n_paths++] = arg;
    return 0;
}

static int check_settings(void *settings_, cs_opt_error *e)
{
    const settings *s = settings_;
    if (s->n_paths != (s->diff ? 2 : 1))
        return cs_opt_fail(e, s->diff ? "--diff wants two profiles, OLD and NEW"
                                      : "wants one profile (or --diff OLD NEW)");
    return 0;
}

static const cs_command_line command_line = {
    .command = "flamegraph",
    .usage = "usage: csann flamegraph [options] PROFILE\n"
             "       csann flamegraph --diff [options] OLD NEW\n"
             "\n"
             "Draw a flame graph of one event as an interactive SVG (hover for the\n"
             "counts, click to zoom, Search to highlight functions), or write folded\n"
             "stacks.  Uses the exact calling contexts of cachesim --call-graph=yes;\n"
             "other profiles with calls= lines (Callgrind's) get stacks reconstructed\n"
             "from their caller/callee pairs, which is only an approximation.\n"
             "\n"
             "options:\n",
    .options = options,
    .footer = "\n"
              "Exit status: 0 success, 1 unreadable profile, no stacks and no calls,\n"
              "or an unwritable output file, 2 usage error.\n",
    .operand = add_profile,
    .check = check_settings,
};

/* ----- the source file of a frame, for the hover text -------------------- */

typedef struct file_index {
    cs_flame_tree *tree;        /* frame names are interned in its table */
    const cs_profile *profile;
    cs_keymap *file_of_name;    /* frame name id -> profile file name id */
} file_index;

static void index_files(file_index *fi, const cs_flame_input *in)
{
    const cs_profile *p = in->profile;
    uint32_t unknown = cs_intern((cs_profile *)p, "???", 3);
    size_t i;
    fi->file_of_name = cs_keymap_new();
    for (i = 0; i < p->n_funcs; i++) {
        char *frame = cs_flame_frame_name(in, cs_name(p, p->funcs[i].name));
        cs_key k = { cs_strtab_intern(fi->tree->names, frame, strlen(frame)), 0, 7 };
        uint32_t old = cs_keymap_get(fi->file_of_name, k);
        if (old == CS_NONE || old == unknown)
            cs_keymap_put(fi->file_of_name, k, p->funcs[i].file);
        free(frame);
    }
}

static const char *file_of(void *ctx, const char *frame)
{
    file_index *fi = ctx;
    cs_key k = { cs_strtab_intern(fi->tree->names, frame, strlen(frame)), 0, 7 };
    uint32_t file = cs_keymap_get(fi->file_of_name, k);
    const char *name = file == CS_NONE ? NULL : cs_name(fi->profile, file);
    return name && strcmp(name, "???") != 0 ? name : NULL;
}

/* ----- output ------------------------------------------------------------ */

typedef struct output {
    const settings *s;
    cs_flame_tree *tree;
    cs_flame_svg svg;
} output;

/* --diff --folded: "STACK OLD NEW", the input of difffolded-style tools. */
static int write_folded_pairs(const cs_flame_tree *t, FILE *out)
{
    size_t i;
    for (i = 1; i < t->n_nodes; i++) {
        char *path;
        if (t->nodes[i].self == 0 && t->nodes[i].old_self == 0)
            continue;
        path = cs_flame_path(t, (uint32_t)i);
        fprintf(out, "%s %lld %lld\n", path, (long long)t->nodes[i].old_self,
                (long long)t->nodes[i].self);
        free(path);
    }
    return ferror(out) ? -1 : 0;
}

static int write_output(FILE *out, void *ctx)
{
    output *o = ctx;
    if (!o->s->folded)
        return cs_flame_write_svg(out, o->tree, &o->svg);
    if (o->s->diff)
        return write_folded_pairs(o->tree, out);
    return cs_flame_write_folded(o->tree, out);
}

/* ----- the command ------------------------------------------------------- */

/* The --event column of p (a sum of its events). */
static int event_column(const cs_profile *p, const char *spec, cs_column *col)
{
    char err[400];
    if (p->n_events == 0) {
        fprintf(stderr, "csann flamegraph: %s records no events\n", p->path);
        return -1;
    }
    if (cs_column_parse(p, spec ? spec : p->events[0], col, err, sizeof err) < 0) {
        fprintf(stderr, "csann flamegraph: --event=%s: %s (%s)\n", spec, err, p->path);
        return -1;
    }
    if (col->is_ratio) {
        fprintf(stderr, "csann flamegraph: --event=%s: a ratio has no width; "
                "give an event or a sum of events\n", spec);
        cs_column_free(col);
        return -1;
    }
    return 0;
}

static int run(settings *s)
{
    cs_profile *prof[2] = { NULL, NULL };
    cs_column cols[2];
    cs_flame_input inputs[2];
    cs_flame_tree *tree = NULL;
    file_index files;
    output o;
    char err[1200], title[1024], subtitle[512];
    int n = s->n_paths, i, exact = 1, rc = CSANN_EDATA;
    const char *event_name;

    memset(cols, 0, sizeof cols);
    memset(&files, 0, sizeof files);
    for (i = 0; i < n; i++) {
        if (!(prof[i] = cs_inputs_load(&s->in, s->paths[i])))
            goto done;
    }
    for (i = 0; i < n; i++)
        if (event_column(prof[i], s->event, &cols[i]) < 0) {
            rc = CSANN_EUSAGE;
            goto done;
        }
    event_name = cols[n - 1].name;
    tree = cs_flame_tree_new("all");
    for (i = 0; i < n; i++) {
        int how;
        inputs[i].profile = prof[i];
        inputs[i].event = &cols[i];
        inputs[i].func_rules = &s->in.func_rules;
        inputs[i].into_old = s->diff && i == 0;
        how = cs_flame_add_profile(tree, &inputs[i], err, sizeof err);
        if (how == CS_CONTEXTS_NONE) {
            fprintf(stderr, "csann flamegraph: %s\n", err);
            goto done;
        }
        if (how == CS_CONTEXTS_RECONSTRUCTED) {
            fprintf(stderr, "csann flamegraph: %s: stacks reconstructed from "
                    "caller/callee pairs; not exact\n", prof[i]->path);
            exact = 0;
        }
    }
    cs_flame_sum_totals(tree);

    memset(&o, 0, sizeof o);
    o.s = s;
    o.tree = tree;
    if (s->diff)
        snprintf(title, sizeof title, "Differential flame graph of %s: %s -> %s",
                 event_name, prof[0]->path, prof[1]->path);
    else
        snprintf(title, sizeof title, "Flame graph of %s: %s", event_name, prof[0]->path);
    snprintf(subtitle, sizeof subtitle, "%s%s",
             s->diff ? "widths: new; red: the context's self count grew, blue: it shrank. " : "",
             exact ? "" : "Stacks reconstructed from caller/callee pairs; not exact.");
    o.svg.title = s->title ? s->title : title;
    o.svg.subtitle = subtitle;
    o.svg.event = event_name;
    o.svg.threshold = s->threshold;
    o.svg.differential = s->diff;
    files.tree = tree;
    files.profile = prof[n - 1];
    index_files(&files, &inputs[n - 1]);
    o.svg.file_of = file_of;
    o.svg.file_ctx = &files;

    if (s->output) {
        if (cs_write_atomically(s->output, write_output, &o, err, sizeof err) < 0) {
            fprintf(stderr, "csann flamegraph: %s\n", err);
            goto done;
        }
    } else {
        const char *what = s->folded ? "the folded stacks" : "the flame graph";
        int bad = write_output(stdout, &o) < 0, saved = errno;
        if (cs_flush_output(stdout, what, err, sizeof err) < 0) {
            if (bad && saved)       /* the reason the first failed write gave */
                snprintf(err, sizeof err, "cannot write %s to standard output: %s",
                         what, strerror(saved));
            fprintf(stderr, "csann flamegraph: %s\n", err);
            goto done;
        }
        if (bad) {
            fprintf(stderr, "csann flamegraph: could not make %s\n", what);
            goto done;
        }
    }
    rc = CSANN_OK;
done:
    if (files.file_of_name)
        cs_keymap_free(files.file_of_name);
    cs_flame_tree_free(tree);
    for (i = 0; i < 2; i++) {
        cs_column_free(&cols[i]);
        cs_profile_free(prof[i]);
    }
    return rc;
}

int cmd_flamegraph(int argc, char **argv)
{
    settings s;
    int rc;
    memset(&s, 0, sizeof s);
    s.threshold = 0.1;
    if (cs_parse_options(&command_line, &s, argc, argv, &rc) == 0)
        rc = run(&s);
    cs_inputs_free(&s.in);
    return rc;
}
