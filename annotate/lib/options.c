/* options.c - option parsing helpers shared by the subcommands. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exit_status.h"
#include "options.h"
#include "profile_input.h"
#include "xalloc.h"

int cs_opt_value(int argc, char **argv, int *i, const char *name,
                 const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *value = argv[++*i];
    return 1;
}

int cs_opt_yes_no(const char *value)
{
    if (strcmp(value, "yes") == 0)
        return 1;
    if (strcmp(value, "no") == 0)
        return 0;
    return -1;
}

int cs_opt_uint(const char *value)
{
    long v = 0;
    const char *c = value;
    if (!*c)
        return -1;
    for (; *c; c++) {
        if (!isdigit((unsigned char)*c))
            return -1;
        v = v * 10 + (*c - '0');
        if (v > INT_MAX / 2)
            return -1;
    }
    return (int)v;
}

int cs_opt_percent(const char *value, double *out)
{
    char *end;
    double t = strtod(value, &end);
    if (end == value || *end || !(t >= 0.0 && t <= 100.0))
        return -1;
    *out = t;
    return 0;
}

int cs_usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "csann %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see csann %s --help)\n", cmd);
    return CSANN_EUSAGE;
}

void cs_common_opts_init(cs_common_opts *o, unsigned takes)
{
    memset(o, 0, sizeof *o);
    o->takes = takes;
    o->threshold = 0.1;
    o->context = 8;
}

int cs_is_operand(const cs_common_opts *o, const char *arg)
{
    return o->only_operands || arg[0] != '-' || arg[1] == '\0';
}

static int bad_option(cs_opt_error *e, const char *fmt, const char *arg)
{
    e->fmt = fmt;
    e->arg = arg;
    return CS_ARG_BAD;
}

int cs_common_option(cs_common_opts *o, int argc, char **argv, int *i,
                     cs_opt_error *e)
{
    const char *a = argv[*i], *v;
    int rc;

    if (strcmp(a, "--") == 0) {
        o->only_operands = 1;
        return CS_ARG_TAKEN;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
        return CS_ARG_HELP;
#define OPT(bit, name) \
    ((o->takes & (bit)) && (rc = cs_opt_value(argc, argv, i, name, &v)) != 0)
    if (OPT(CS_TAKES_SHOW_SORT, "--show")) {
        if (rc < 0) goto missing;
        cs_strlist_clear(&o->show);
        cs_strlist_split(&o->show, v);
    } else if (OPT(CS_TAKES_SHOW_SORT, "--sort")) {
        if (rc < 0) goto missing;
        cs_strlist_clear(&o->sort);
        cs_strlist_split(&o->sort, v);
    } else if (OPT(CS_TAKES_THRESHOLD, "--threshold")) {
        if (rc < 0) goto missing;
        if (cs_opt_percent(v, &o->threshold) < 0)
            return bad_option(e, "--threshold wants a percentage from 0 to 100, not '%s'", v);
    } else if (OPT(CS_TAKES_SOURCES, "--auto")) {
        if (rc < 0) goto missing;
        if ((o->auto_annotate = cs_opt_yes_no(v)) < 0)
            return bad_option(e, "--auto wants yes or no, not '%s'", v);
    } else if (OPT(CS_TAKES_SOURCES, "--context")) {
        if (rc < 0) goto missing;
        if ((o->context = cs_opt_uint(v)) < 0)
            return bad_option(e, "--context wants a number of lines, not '%s'", v);
    } else if (OPT(CS_TAKES_SOURCES, "--include")) {
        if (rc < 0) goto missing;
        cs_strlist_add(&o->includes, v);
    } else {
        return CS_ARG_OTHER;
    }
#undef OPT
    return CS_ARG_TAKEN;
missing:
    return bad_option(e, "option '%s' needs a value", a);
}

void cs_common_opts_free(cs_common_opts *o)
{
    cs_strlist_clear(&o->show);
    cs_strlist_clear(&o->sort);
    cs_strlist_clear(&o->includes);
}

int cs_shared_option(cs_common_opts *common, struct cs_inputs *in, int argc, char **argv,
                     int *i, void (*usage)(FILE *out),
                     int (*usage_error)(const char *fmt, const char *arg))
{
    cs_opt_error e;
    char err[600];
    int rc;

    switch (cs_common_option(common, argc, argv, i, &e)) {
    case CS_ARG_TAKEN:
        return CS_STEP_NEXT;
    case CS_ARG_HELP:
        usage(stdout);
        return CSANN_OK;
    case CS_ARG_BAD:
        return usage_error(e.fmt, e.arg);
    }
    if (in == NULL)
        return CS_STEP_OWN;
    rc = cs_inputs_option(in, argc, argv, i, err, sizeof err);
    if (rc < 0)
        return usage_error("%s", err);
    return rc > 0 ? CS_STEP_NEXT : CS_STEP_OWN;
}
