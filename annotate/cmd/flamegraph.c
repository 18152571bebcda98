/* cmd_flamegraph.c - `csann flamegraph [--diff OLD] PROFILE`: an interactive
 * SVG flame graph (or folded stacks) of one event, from the exact calling
 * contexts of cachesim --call-graph=yes, or reconstructed from calls=
 * pairs for other profiles. */
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
    cs_common_opts common;      /* only --threshold */
    cs_inputs in;
    const char *event;          /* NULL: the profile's first event */
    const char *output;         /* NULL: stdout */
    const char *title;
    int folded, diff;
    const char *paths[2];       /* PROFILE, or OLD NEW with --diff */
    int n_paths;
} settings;

static void cmd_flamegraph_usage(FILE *out)
{
    fputs("usage: csann flamegraph [options] PROFILE\n"
          "       csann flamegraph --diff [options] OLD NEW\n"
          "\n"
          "Draw a flame graph of one event as an interactive SVG (hover for the\n"
          "counts, click to zoom, Search to highlight functions), or write folded\n"
          "stacks.  Uses the exact calling contexts of cachesim --call-graph=yes;\n"
          "other profiles with calls= lines (Callgrind's) get stacks reconstructed\n"
          "from their caller/callee pairs, which is only an approximation.\n"
          "\n"
          "options:\n"
          "  --event=EV            the event that sets the widths: Ir, D1mr, DLmr,\n"
          "                        Bcm, ... or a sum NAME=EV+EV... (L1m=I1mr+D1mr+D1mw)\n"
          "                        [the profile's first event]\n"
          "  -o FILE, --output=FILE  write to FILE (atomically) [standard output]\n"
          "  --title=TEXT          the graph's title [the event and the profile]\n"
          "  --threshold=PCT       leave out frames under PCT% of the total [0.1]\n"
          "  --folded              write folded stacks (\"main;f;g COUNT\", one line\n"
          "                        per context with a non-zero count) instead of SVG;\n"
          "                        with --diff, \"STACK OLD NEW\" lines\n"
          "  --diff                differential graph of OLD -> NEW: widths from NEW,\n"
          "                        red where a context's self count grew, blue where\n"
          "                        it shrank; contexts matched by their stack\n", out);
    cs_inputs_usage(out);
    fputs("  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 success, 1 unreadable profile, no stacks and no calls,\n"
          "or an unwritable output file, 2 usage error.\n", out);
}

static int usage_error(const char *fmt, const char *arg)
{
    return cs_usage_error("flamegraph", fmt, arg);
}

/* Returns -1 to continue, else an exit status. */
static int parse_args(int argc, char **argv, settings *s)
{
    int i, rc;
    const char *v;

    cs_common_opts_init(&s->common, CS_TAKES_THRESHOLD);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cs_is_operand(&s->common, a)) {
            if (s->n_paths == 2)
                return usage_error("too many profiles at '%s'", a);
            s->paths[s->n_paths++] = a;
            continue;
        }
        rc = cs_shared_option(&s->common, &s->in, argc, argv, &i, cmd_flamegraph_usage, usage_error);
        if (rc == CS_STEP_NEXT)
            continue;
        if (rc != CS_STEP_OWN)
            return rc;
        if (strcmp(a, "--folded") == 0) {
            s->folded = 1;
            continue;
        }
        if (strcmp(a, "--diff") == 0) {
            s->diff = 1;
            continue;
        }
        if (strcmp(a, "-o") == 0) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a file name", a);
            s->output = argv[++i];
            continue;
        }
#define OPT(name) ((rc = cs_opt_value(argc, argv, &i, name, &v)) != 0)
        if (OPT("--event")) {
            if (rc < 0 || !*v) goto missing;
            s->event = v;
        } else if (OPT("--output")) {
            if (rc < 0 || !*v) goto missing;
            s->output = v;
        } else if (OPT("--title")) {
            if (rc < 0) goto missing;
            s->title = v;
        } else {
            return usage_error("unknown option '%s'", a);
        }
#undef OPT
        continue;
missing:
        return usage_error("option '%s' needs a value", a);
    }
    if (s->n_paths != (s->diff ? 2 : 1))
        return usage_error(s->diff ? "--diff wants two profiles, OLD and NEW%s"
                                   : "wants one profile (or --diff OLD NEW)%s", "");
    return -1;
}

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
        if (how == CS_FLAME_NONE) {
            fprintf(stderr, "csann flamegraph: %s\n", err);
            goto done;
        }
        if (how == CS_FLAME_RECONSTRUCTED) {
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
    o.svg.threshold = s->common.threshold;
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
    } else if (write_output(stdout, &o) < 0 || fflush(stdout) != 0 || ferror(stdout)) {
        perror("csann flamegraph: writing the output");
        goto done;
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
    rc = parse_args(argc, argv, &s);
    if (rc < 0)
        rc = run(&s);
    cs_inputs_free(&s.in);
    return rc;
}
