/* merge.c - `csann merge`: the sum of profiles that record the same
 * events (the processes of one test run), as one callgrind-format profile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "combine.h"
#include "options.h"
#include "profile_input.h"
#include "profile_writer.h"
#include "safe_write.h"
#include "xalloc.h"

typedef struct settings {
    cs_inputs in;
    cs_strlist paths;
    const char *output;         /* NULL: stdout */
} settings;

static const cs_option options[] = {
    { .type = CS_OPT_STRING, .name = "-o", .field = offsetof(settings, output),
      .argh = "FILE", .missing = "option '%s' needs a file name",
      .help = "write the merged profile to FILE (through a\n"
              "temporary file renamed into place) [stdout]" },
    CS_INPUT_OPTIONS(settings, in),
    CS_OPT_HELP_ENTRIES,
    CS_OPT_TABLE_END
};

static int add_profile(void *settings_, const char *arg, cs_opt_error *e)
{
    settings *s = settings_;
    cs_strlist_add(&s->paths, arg);
    return 0;
}

static int check_settings(void *settings_, cs_opt_error *e)
{
    settings *s = settings_;
    if (s->paths.count < 2)
        return cs_opt_fail(e, "want at least two profiles");
    return 0;
}

static const cs_command_line command_line = {
    .command = "merge",
    .usage = "usage: csann merge [options] [-o FILE] PROFILE PROFILE [PROFILE...]\n"
             "\n"
             "Sum profiles that record the same events (in any order: Cachegrind,\n"
             "Callgrind and cachesim profiles mix) into one callgrind-format profile:\n"
             "per line, per function and per call arc.  All parts of each input are\n"
             "summed into the one part of the output.\n"
             "\n"
             "options:\n",
    .options = options,
    .footer = "\n"
              "Exit status: 0 success, 1 unreadable profile, different events or an\n"
              "unwritable FILE, 2 usage error.  Different commands only give a warning.\n",
    .operand = add_profile,
    .check = check_settings,
};

typedef struct merged {
    const cs_profile *p;
    size_t n_inputs;
} merged;

static int write_merged(FILE *out, void *ctx)
{
    const merged *m = ctx;
    char desc[64];
    char *extra[1] = { desc };
    cs_write_options o = { NULL, extra, 1 };
    snprintf(desc, sizeof desc, "Merged: the sum of %zu profiles", m->n_inputs);
    return cs_profile_write(out, m->p, &o);
}

static const char *command_of(const cs_profile *p)
{
    const cs_part *part = cs_first_selected_part(p);
    return part && part->cmd ? part->cmd : "";
}

/* 1 when every selected part of p whose cost lines add up to anything
 * has exact calling contexts (which the reader has checked add up to the
 * same), so that p's contexts add up to the costs merged from it. */
static int contexts_cover(const cs_profile *p)
{
    size_t i, e;
    for (i = 0; i < p->n_parts; i++) {
        const cs_part *part = &p->parts[i];
        if (!part->selected || part->n_stack_lines || part->self_sum == CS_NONE)
            continue;
        for (e = 0; e < p->n_events; e++)
            if (cs_cost(p, part->self_sum)[e] != 0)
                return 0;
    }
    return 1;
}

static int merge(const settings *s)
{
    const cs_inputs *in = &s->in;
    const cs_strlist *paths = &s->paths;
    cs_profile *sum = cs_profile_new(), *first = NULL;
    const char *without_contexts = NULL;    /* an input that has none */
    size_t with_contexts = 0;
    cs_combine_options co;
    char err[1200];
    size_t i;
    int rc = CSANN_OK;

    memset(&co, 0, sizeof co);
    co.file_rules = &in->file_rules;
    co.func_rules = &in->func_rules;
    co.keep_objects = 1;
    co.keep_calls = 1;
    co.keep_stacks = 1;
    for (i = 0; i < paths->count && rc == CSANN_OK; i++) {
        cs_profile *p = cs_inputs_load(in, paths->items[i]);
        if (!p) {
            rc = CSANN_EDATA;
            break;
        }
        if (!first) {
            first = p;
            cs_combine_start(sum, p);
            free(sum->creator);
            sum->creator = p->creator ? xstrdup(p->creator) : NULL;
        } else if (cs_same_events(first, p, err, sizeof err) < 0) {
            fprintf(stderr, "csann merge: %s\n", err);
            rc = CSANN_EDATA;
        } else if (strcmp(command_of(first), command_of(p)) != 0) {
            fprintf(stderr, "csann merge: warning: different commands: '%s' in %s,"
                    " '%s' in %s\n", command_of(first), first->path, command_of(p),
                    p->path);
        }
        if (rc == CSANN_OK) {
            cs_combine_add(sum, p, +1, &co);
            if (p->n_stacks)
                with_contexts++;
            if (!contexts_cover(p) && !without_contexts)
                without_contexts = paths->items[i];
        }
        if (p != first)
            cs_profile_free(p);
    }
    /* Contexts of only some inputs would not add up to the totals. */
    if (rc == CSANN_OK && with_contexts && without_contexts) {
        fprintf(stderr, "csann merge: warning: %s has no exact calling contexts "
                "(# ctx: lines) in some or all of its parts: the merged profile has "
                "none\n", without_contexts);
        sum->n_stacks = 0;
    }
    if (rc == CSANN_OK) {
        merged m = { sum, paths->count };
        if (s->output) {
            if (cs_write_atomically(s->output, write_merged, &m, err, sizeof err) < 0) {
                fprintf(stderr, "csann merge: %s\n", err);
                rc = CSANN_EDATA;
            }
        } else {
            write_merged(stdout, &m);       /* fails only as stdout does */
            if (cs_flush_output(stdout, "the merged profile", err, sizeof err) < 0) {
                fprintf(stderr, "csann merge: %s\n", err);
                rc = CSANN_EDATA;
            }
        }
    }
    cs_profile_free(first);
    cs_profile_free(sum);
    return rc;
}

int cmd_merge(int argc, char **argv)
{
    settings s;
    int rc;
    memset(&s, 0, sizeof s);
    if (cs_parse_options(&command_line, &s, argc, argv, &rc) == 0)
        rc = merge(&s);
    cs_strlist_clear(&s.paths);
    cs_inputs_free(&s.in);
    return rc;
}
