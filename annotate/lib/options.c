/* options.c - reading a command line against its table (options.h), and
 * the help text made from the same table. */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "options.h"
#include "xalloc.h"

/* Where the help text of an option starts. */
enum { HELP_COLUMN = 24 };

int cs_opt_fail(cs_opt_error *e, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    free(e->message);
    e->message = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
    e->message[0] = '\0';
    va_start(ap, fmt);
    if (n >= 0)
        vsnprintf(e->message, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return -1;
}

static int takes_value(const cs_option *o)
{
    return o->type != CS_OPT_HELP && o->type != CS_OPT_VERSION && o->type != CS_OPT_FLAG;
}

static int is_long(const cs_option *o)
{
    return o->name[1] == '-';
}

/* The entry arg names, and in *value a value written in the same argument
 * ("--name=VALUE", or "-xVALUE" for CS_OPT_ATTACHED), else NULL. */
static const cs_option *find_option(const cs_option *opts, const char *arg,
                                    const char **value)
{
    const cs_option *o;
    for (o = opts; o->type != CS_OPT_END; o++) {
        size_t n = strlen(o->name);
        if (strncmp(arg, o->name, n) != 0)
            continue;
        *value = NULL;
        if (arg[n] == '\0')
            return o;
        if (!takes_value(o))
            continue;
        if (is_long(o) && arg[n] == '=') {
            *value = arg + n + 1;
            return o;
        }
        if (!is_long(o) && (o->flags & CS_OPT_ATTACHED)) {
            *value = arg + n;
            return o;
        }
    }
    return NULL;
}

static int missing_value(const cs_option *o, cs_opt_error *e)
{
    return cs_opt_fail(e, o->missing ? o->missing : "option '%s' needs a value", o->name);
}

static int bad_value(const cs_option *o, const char *value, const char *wants,
                     cs_opt_error *e)
{
    if (o->bad)
        return cs_opt_fail(e, o->bad, value);
    return cs_opt_fail(e, "%s wants %s, not '%s'", o->name, wants, value);
}

/* A decimal number from 0 to INT_MAX / 2, else -1. */
static int parse_count(const char *value)
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

/* Sets the field of o from value. */
static int apply(const cs_option *o, void *field, const char *value, cs_opt_error *e)
{
    char *end;
    double pct;
    int n;

    if ((o->flags & CS_OPT_NONEMPTY) && !*value)
        return o->bad ? cs_opt_fail(e, o->bad, value) : missing_value(o, e);
    switch (o->type) {
    case CS_OPT_FLAG:
        *(int *)field = 1;
        return 0;
    case CS_OPT_STRING:
        *(const char **)field = value;
        return 0;
    case CS_OPT_YES_NO:
        if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
            return bad_value(o, value, "yes or no", e);
        *(int *)field = value[0] == 'y';
        return 0;
    case CS_OPT_COUNT:
        if ((n = parse_count(value)) < 0)
            return bad_value(o, value, "a number", e);
        *(int *)field = n;
        return 0;
    case CS_OPT_PERCENT:
        pct = strtod(value, &end);
        if (end == value || *end || !(pct >= 0.0 && pct <= 100.0))
            return bad_value(o, value, "a percentage from 0 to 100", e);
        *(double *)field = pct;
        return 0;
    case CS_OPT_LIST:
        cs_strlist_clear(field);
        cs_strlist_split(field, value);
        return 0;
    case CS_OPT_LIST_ADD:
        cs_strlist_split(field, value);
        return 0;
    case CS_OPT_ADD:
        cs_strlist_add(field, value);
        return 0;
    case CS_OPT_CALLBACK:
        return o->parse(o, field, value, e);
    default:
        return 0;
    }
}

/* Prints e's message as cl's usage errors look; frees it. */
static void print_usage_error(const cs_command_line *cl, cs_opt_error *e)
{
    const char *message = e->message ? e->message : "bad usage";
    if (cl->is_default) {
        fprintf(stderr, "csann: %s\n", message);
        cs_print_help(cl, stderr);
    } else {
        fprintf(stderr, "csann %s: %s\n(see csann %s --help)\n", cl->command,
                message, cl->command);
    }
    free(e->message);
    e->message = NULL;
}

static int stop(int *status, int exit_status)
{
    *status = exit_status;
    return -1;
}

int cs_parse_options(const cs_command_line *cl, void *settings, int argc,
                     char **argv, int *status)
{
    cs_opt_error e = { NULL };
    int i, only_operands = 0;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i], *value;
        const cs_option *o;
        int rc;

        if (!only_operands && strcmp(arg, "--") == 0) {
            only_operands = 1;
            continue;
        }
        if (only_operands || arg[0] != '-' || arg[1] == '\0') {
            rc = cl->operand ? cl->operand(settings, arg, &e)
                             : cs_opt_fail(&e, "unexpected argument '%s'", arg);
        } else if (!(o = find_option(cl->options, arg, &value))) {
            rc = cs_opt_fail(&e, "unknown option '%s'", arg);
        } else if (o->type == CS_OPT_HELP) {
            cs_print_help(cl, stdout);
            return stop(status, CSANN_OK);
        } else if (o->type == CS_OPT_VERSION) {
            printf("csann (cachesim) %s\n", CSANN_VERSION);
            return stop(status, CSANN_OK);
        } else if (takes_value(o) && !value && i + 1 >= argc) {
            rc = missing_value(o, &e);
        } else {
            if (takes_value(o) && !value)
                value = argv[++i];
            rc = apply(o, (char *)settings + o->field, value, &e);
        }
        if (rc < 0) {
            print_usage_error(cl, &e);
            return stop(status, CSANN_EUSAGE);
        }
    }
    if (cl->check && cl->check(settings, &e) < 0) {
        print_usage_error(cl, &e);
        return stop(status, CSANN_EUSAGE);
    }
    return 0;
}

/* ----- help ---------------------------------------------------------------- */

/* "--show=A,B,..." or "-I DIR". */
static size_t print_spelling(FILE *out, const cs_option *o)
{
    if (!takes_value(o) || !o->argh)
        return (size_t)fprintf(out, "%s", o->name);
    return (size_t)fprintf(out, "%s%s%s", o->name, is_long(o) ? "=" : " ", o->argh);
}

/* The spellings first..last on one line, then the help of last: beside
 * them when they leave room, else under them. */
static void print_option(FILE *out, const cs_option *first, const cs_option *last)
{
    const cs_option *o;
    const char *h = last->help;
    size_t col = (size_t)fprintf(out, "  ");

    for (o = first; o <= last; o++) {
        if (o != first)
            col += (size_t)fprintf(out, ", ");
        col += print_spelling(out, o);
    }
    if (col >= HELP_COLUMN) {
        fputc('\n', out);
        col = 0;
    }
    fprintf(out, "%*s", (int)(HELP_COLUMN - col), "");
    for (;;) {
        const char *nl = strchr(h, '\n');
        if (!nl) {
            fprintf(out, "%s\n", h);
            return;
        }
        fprintf(out, "%.*s\n%*s", (int)(nl - h), h, HELP_COLUMN, "");
        h = nl + 1;
    }
}

void cs_print_help(const cs_command_line *cl, FILE *out)
{
    const cs_option *o, *first = NULL;
    if (cl->usage)
        fputs(cl->usage, out);
    for (o = cl->options; o->type != CS_OPT_END; o++) {
        if (o->flags & CS_OPT_HIDDEN)
            continue;
        if (!first)
            first = o;
        if (o->help) {
            print_option(out, first, o);
            first = NULL;
        }
    }
    if (cl->footer)
        fputs(cl->footer, out);
}
