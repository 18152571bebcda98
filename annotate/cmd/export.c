/* export.c - `csann export --format=pprof -o FILE.pb.gz PROFILE`: the
 * profile as a gzip-compressed pprof Profile (see pprof.h), for go tool
 * pprof, Pyroscope, Parca and the other tools that read that format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "column.h"
#include "commands.h"
#include "options.h"
#include "pprof.h"
#include "profile_input.h"
#include "protobuf_enc.h"
#include "safe_write.h"
#include "xalloc.h"

typedef struct settings {
    cs_inputs in;
    const char *format;         /* --format: "pprof" */
    const char *output;         /* "-": stdout */
    cs_strlist derive;          /* --derive sums, NAME=EV+EV... */
    int lines;                  /* --lines: samples per source line */
    const char *path;
} settings;

/* --format: pprof is the only one. */
static int parse_format(const cs_option *o, void *field, const char *value,
                        cs_opt_error *e)
{
    if (strcmp(value, "pprof") != 0)
        return cs_opt_fail(e, "unknown --format '%s' (pprof is the one there is)", value);
    *(const char **)field = value;
    return 0;
}

static const cs_option options[] = {
    { .type = CS_OPT_CALLBACK, .name = "--format", .field = offsetof(settings, format),
      .argh = "pprof", .flags = CS_OPT_NONEMPTY, .parse = parse_format,
      .help = "the output format (the only one so far) [pprof]" },
    { .type = CS_OPT_STRING, .name = "-o", .field = offsetof(settings, output),
      .argh = "FILE", .missing = "option '%s' needs a file name" },
    { .type = CS_OPT_STRING, .name = "--output", .field = offsetof(settings, output),
      .argh = "FILE", .flags = CS_OPT_NONEMPTY,
      .help = "write to FILE (atomically); '-' for standard\n"
              "output (required: the output is binary)" },
    { .type = CS_OPT_YES_NO, .name = "--lines", .field = offsetof(settings, lines),
      .argh = "yes|no",
      .help = "samples per source line of the innermost function,\n"
              "or per function only (smaller and faster to read\n"
              "for large profiles; no line numbers) [yes]" },
    { .type = CS_OPT_LIST_ADD, .name = "--derive", .field = offsetof(settings, derive),
      .argh = "NAME=SUM", .flags = CS_OPT_NONEMPTY,
      .help = "add a sample type that is a sum of events, such\n"
              "as L1m=I1mr+D1mr+D1mw (repeatable, comma-separated)" },
    CS_INPUT_OPTIONS(settings, in),
    CS_OPT_HELP_ENTRIES,
    CS_OPT_TABLE_END
};

static int set_profile(void *settings_, const char *arg, cs_opt_error *e)
{
    settings *s = settings_;
    if (s->path)
        return cs_opt_fail(e, "one profile only, not also '%s'", arg);
    s->path = arg;
    return 0;
}

static int check_settings(void *settings_, cs_opt_error *e)
{
    const settings *s = settings_;
    if (!s->path)
        return cs_opt_fail(e, "wants a profile");
    if (!s->output)
        return cs_opt_fail(e, "wants -o FILE (or -o - for standard output)");
    return 0;
}

static const cs_command_line command_line = {
    .command = "export",
    .usage = "usage: csann export [--format=pprof] -o FILE.pb.gz [options] PROFILE\n"
             "\n"
             "Write the profile in another tool's format.  pprof: a gzip-compressed\n"
             "Profile message for go tool pprof (-http, -top, -sample_index=D1mr,\n"
             "-diff_base), Pyroscope, Parca: one sample type per event, one sample\n"
             "per exact calling context (cachesim --call-graph=yes) and source line,\n"
             "with function, file and line.  Profiles without exact stacks\n"
             "(Callgrind's) get stacks reconstructed from their caller/callee pairs,\n"
             "which is only an approximation, and say so.\n"
             "\n"
             "options:\n",
    .options = options,
    .footer = "\n"
              "Exit status: 0 success, 1 unreadable profile, no stacks and no calls,\n"
              "or an unwritable output file, 2 usage error.\n",
    .operand = set_profile,
    .check = check_settings,
};

/* The --derive sums, checked against the profile's events. */
static int derived_columns(const cs_profile *p, const settings *s, cs_column **out)
{
    cs_column *cols = xcalloc(s->derive.count + 1, sizeof *cols);
    char err[400];
    size_t i, j;
    *out = cols;
    for (i = 0; i < s->derive.count; i++) {
        const char *spec = s->derive.items[i];
        int clash;
        if (cs_column_parse(p, spec, &cols[i], err, sizeof err) < 0) {
            fprintf(stderr, "csann export: --derive=%s: %s (%s)\n", spec, err, p->path);
            return -1;
        }
        if (cols[i].is_ratio) {
            fprintf(stderr, "csann export: --derive=%s: a ratio cannot be a sample "
                    "type (pprof adds samples up); give a sum of events\n", spec);
            return -1;
        }
        clash = cs_event_index(p, cols[i].name) >= 0;
        for (j = 0; j < i; j++)
            clash |= strcmp(cols[j].name, cols[i].name) == 0;
        if (clash) {
            fprintf(stderr, "csann export: --derive=%s: the name '%s' is already used\n",
                    spec, cols[i].name);
            return -1;
        }
    }
    return 0;
}

/* Writes the bytes as one gzip member (a zero time stamp in its header,
 * so that one profile always gives the same file). */
static int write_gzip(FILE *out, void *ctx)
{
    const cs_pb *msg = ctx;
    unsigned char buf[65536];
    z_stream z;
    int rc;

    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        fprintf(stderr, "csann export: zlib: %s\n", z.msg ? z.msg : "cannot start deflate");
        return -1;
    }
    z.next_in = msg->data;
    z.avail_in = (uInt)msg->len;
    if ((size_t)z.avail_in != msg->len) {
        fprintf(stderr, "csann export: the profile is too large to compress (%zu bytes)\n",
                msg->len);
        deflateEnd(&z);
        return -1;
    }
    do {
        z.next_out = buf;
        z.avail_out = sizeof buf;
        rc = deflate(&z, Z_FINISH);
        if (rc == Z_STREAM_ERROR)
            break;
        if (fwrite(buf, 1, sizeof buf - z.avail_out, out) != sizeof buf - z.avail_out) {
            rc = Z_ERRNO;
            break;
        }
    } while (rc != Z_STREAM_END);
    deflateEnd(&z);
    return rc == Z_STREAM_END && !ferror(out) ? 0 : -1;
}

static int run(settings *s)
{
    cs_profile *p;
    cs_column *derived = NULL;
    cs_pprof_options o;
    cs_pb msg;
    char err[1200];
    int how, rc = CSANN_EDATA;
    size_t i;

    if (!(p = cs_inputs_load(&s->in, s->path)))
        return CSANN_EDATA;
    cs_pb_init(&msg);
    if (derived_columns(p, s, &derived) < 0) {
        rc = CSANN_EUSAGE;
        goto done;
    }
    memset(&o, 0, sizeof o);
    o.derived = derived;
    o.n_derived = s->derive.count;
    o.func_rules = &s->in.func_rules;
    o.file_rules = &s->in.file_rules;
    o.no_lines = !s->lines;
    how = cs_pprof_encode(p, &o, &msg, err, sizeof err);
    if (how == CS_CONTEXTS_NONE) {
        fprintf(stderr, "csann export: %s\n", err);
        goto done;
    }
    if (how == CS_CONTEXTS_RECONSTRUCTED)
        fprintf(stderr, "csann export: %s: stacks reconstructed from caller/callee "
                "pairs; not exact\n", p->path);
    if (strcmp(s->output, "-") == 0) {
        int bad = write_gzip(stdout, &msg) < 0;
        if (cs_flush_output(stdout, "the profile", err, sizeof err) < 0) {
            fprintf(stderr, "csann export: %s\n", err);
            goto done;
        }
        if (bad) {
            fprintf(stderr, "csann export: could not compress the profile\n");
            goto done;
        }
    } else if (cs_write_atomically(s->output, write_gzip, &msg, err, sizeof err) < 0) {
        fprintf(stderr, "csann export: %s\n", err);
        goto done;
    }
    rc = CSANN_OK;
done:
    for (i = 0; derived && i < s->derive.count; i++)
        cs_column_free(&derived[i]);
    free(derived);
    cs_pb_free(&msg);
    cs_profile_free(p);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    settings s;
    int rc;
    memset(&s, 0, sizeof s);
    s.lines = 1;
    if (cs_parse_options(&command_line, &s, argc, argv, &rc) == 0)
        rc = run(&s);
    cs_strlist_clear(&s.derive);
    cs_inputs_free(&s.in);
    return rc;
}
