/* cmd_export.c - `csann export --format=pprof -o FILE.pb.gz PROFILE`: the
 * profile as a gzip-compressed pprof Profile (see pprof.h), for go tool
 * pprof, Pyroscope, Parca and the other tools that read that format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "cmd_export.h"
#include "column.h"
#include "csann.h"
#include "options.h"
#include "pprof.h"
#include "profile_input.h"
#include "protobuf_enc.h"
#include "safe_write.h"
#include "xalloc.h"

typedef struct settings {
    cs_common_opts common;      /* none of its options but -h and -- */
    cs_inputs in;
    const char *format;
    const char *output;
    cs_strlist derive;
    int no_lines;
    const char *path;
} settings;

void cmd_export_usage(FILE *out)
{
    fputs("usage: csann export [--format=pprof] -o FILE.pb.gz [options] PROFILE\n"
          "\n"
          "Write the profile in another tool's format.  pprof: a gzip-compressed\n"
          "Profile message for go tool pprof (-http, -top, -sample_index=D1mr,\n"
          "-diff_base), Pyroscope, Parca: one sample type per event, one sample\n"
          "per exact calling context (cachesim --call-graph=yes) and source line,\n"
          "with function, file and line.  Profiles without exact stacks\n"
          "(Callgrind's) get stacks reconstructed from their caller/callee pairs,\n"
          "which is only an approximation, and say so.\n"
          "\n"
          "options:\n"
          "  --format=pprof        the output format (the only one so far) [pprof]\n"
          "  -o FILE, --output=FILE  write to FILE (atomically); '-' for standard\n"
          "                        output (required: the output is binary)\n"
          "  --lines=yes|no        samples per source line of the innermost function,\n"
          "                        or per function only (smaller and faster to read\n"
          "                        for large profiles; no line numbers) [yes]\n"
          "  --derive=NAME=SUM     add a sample type that is a sum of events, such\n"
          "                        as L1m=I1mr+D1mr+D1mw (repeatable, comma-separated)\n", out);
    cs_inputs_usage(out);
    fputs("  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 success, 1 unreadable profile, no stacks and no calls,\n"
          "or an unwritable output file, 2 usage error.\n", out);
}

static int usage_error(const char *fmt, const char *arg)
{
    return cs_usage_error("export", fmt, arg);
}

/* Returns -1 to continue, else an exit status. */
static int parse_args(int argc, char **argv, settings *s)
{
    int i, rc;
    const char *v;

    cs_common_opts_init(&s->common, 0);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cs_is_operand(&s->common, a)) {
            if (s->path)
                return usage_error("one profile only, not also '%s'", a);
            s->path = a;
            continue;
        }
        rc = cs_shared_option(&s->common, &s->in, argc, argv, &i, cmd_export_usage, usage_error);
        if (rc == CS_STEP_NEXT)
            continue;
        if (rc != CS_STEP_OWN)
            return rc;
        if (strcmp(a, "-o") == 0) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a file name", a);
            s->output = argv[++i];
            continue;
        }
#define OPT(name) ((rc = cs_opt_value(argc, argv, &i, name, &v)) != 0)
        if (OPT("--format")) {
            if (rc < 0 || !*v) goto missing;
            if (strcmp(v, "pprof") != 0)
                return usage_error("unknown --format '%s' (pprof is the one there is)", v);
            s->format = v;
        } else if (OPT("--output")) {
            if (rc < 0 || !*v) goto missing;
            s->output = v;
        } else if (OPT("--lines")) {
            if (rc < 0 || cs_opt_yes_no(v) < 0)
                return usage_error("--lines wants yes or no, not '%s'", rc < 0 ? "" : v);
            s->no_lines = !cs_opt_yes_no(v);
        } else if (OPT("--derive")) {
            if (rc < 0 || !*v) goto missing;
            cs_strlist_split(&s->derive, v);
        } else {
            return usage_error("unknown option '%s'", a);
        }
#undef OPT
        continue;
missing:
        return usage_error("option '%s' needs a value", a);
    }
    if (!s->path)
        return usage_error("wants a profile%s", "");
    if (!s->output)
        return usage_error("wants -o FILE (or -o - for standard output)%s", "");
    return -1;
}

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
    o.no_lines = s->no_lines;
    how = cs_pprof_encode(p, &o, &msg, err, sizeof err);
    if (how == CS_PPROF_NONE) {
        fprintf(stderr, "csann export: %s\n", err);
        goto done;
    }
    if (how == CS_PPROF_RECONSTRUCTED)
        fprintf(stderr, "csann export: %s: stacks reconstructed from caller/callee "
                "pairs; not exact\n", p->path);
    if (strcmp(s->output, "-") == 0) {
        if (write_gzip(stdout, &msg) < 0 || fflush(stdout) != 0) {
            perror("csann export: writing the output");
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
    rc = parse_args(argc, argv, &s);
    if (rc < 0)
        rc = run(&s);
    cs_common_opts_free(&s.common);
    cs_strlist_clear(&s.derive);
    cs_inputs_free(&s.in);
    return rc;
}
