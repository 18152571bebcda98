/* test_options.c - host tests of the command-line tables (lib/options.c):
 * each kind of value, spellings, operands and "--", the messages of usage
 * errors and their order, and the help text made from the table. */
#include <limits.h>
#include <stdarg.h>
#include "csann_test.h"
#include "options.h"

typedef struct settings {
    int flag, yes, count, choice;
    double pct;
    const char *str, *name, *output;
    cs_strlist list, added, dirs, operands;
} settings;

static int parse_choice(const cs_option *o, void *field, const char *value,
                        cs_opt_error *e)
{
    if (strcmp(value, "one") == 0)
        *(int *)field = 1;
    else if (strcmp(value, "two") == 0)
        *(int *)field = 2;
    else
        return cs_opt_fail(e, "%s wants one or two, not '%s'", o->name, value);
    return 0;
}

static const cs_option options[] = {
    { .type = CS_OPT_VERSION, .name = "-V", .flags = CS_OPT_HIDDEN },
    { .type = CS_OPT_FLAG, .name = "--flag", .field = offsetof(settings, flag),
      .help = "a flag" },
    { .type = CS_OPT_YES_NO, .name = "--yes", .field = offsetof(settings, yes),
      .argh = "yes|no", .help = "say yes [yes]" },
    { .type = CS_OPT_COUNT, .name = "--count", .field = offsetof(settings, count),
      .argh = "N", .bad = "--count wants a number of lines, not '%s'",
      .help = "lines of context\naround things [8]" },
    { .type = CS_OPT_PERCENT, .name = "--pct", .field = offsetof(settings, pct),
      .argh = "PCT", .help = "a share" },
    { .type = CS_OPT_STRING, .name = "--str", .field = offsetof(settings, str),
      .argh = "TEXT", .help = "any text" },
    { .type = CS_OPT_STRING, .name = "--name", .field = offsetof(settings, name),
      .argh = "NAME", .flags = CS_OPT_NONEMPTY, .help = "a name" },
    { .type = CS_OPT_STRING, .name = "-o", .field = offsetof(settings, output),
      .argh = "FILE", .missing = "option '%s' needs a file name" },
    { .type = CS_OPT_STRING, .name = "--output", .field = offsetof(settings, output),
      .argh = "FILE", .flags = CS_OPT_NONEMPTY, .help = "write to FILE" },
    { .type = CS_OPT_LIST, .name = "--list", .field = offsetof(settings, list),
      .argh = "A,B", .help = "a list" },
    { .type = CS_OPT_LIST_ADD, .name = "--add", .field = offsetof(settings, added),
      .argh = "A,B", .help = "more items" },
    { .type = CS_OPT_ADD, .name = "-I", .field = offsetof(settings, dirs),
      .argh = "DIR", .flags = CS_OPT_ATTACHED },
    { .type = CS_OPT_ADD, .name = "--include", .field = offsetof(settings, dirs),
      .argh = "DIR", .help = "look in DIR" },
    { .type = CS_OPT_CALLBACK, .name = "--choice", .field = offsetof(settings, choice),
      .argh = "one|two|three|four", .parse = parse_choice, .help = "choose" },
    CS_OPT_HELP_ENTRIES,
    CS_OPT_TABLE_END
};

static int add_operand(void *settings_, const char *arg, cs_opt_error *e)
{
    settings *s = settings_;
    if (strcmp(arg, "bad") == 0)
        return cs_opt_fail(e, "bad operand '%s'", arg);
    cs_strlist_add(&s->operands, arg);
    return 0;
}

static int check_settings(void *settings_, cs_opt_error *e)
{
    const settings *s = settings_;
    return s->operands.count ? 0 : cs_opt_fail(e, "no file given");
}

static const cs_command_line command_line = {
    .command = "t",
    .usage = "usage: csann t [options] FILE...\n\noptions:\n",
    .options = options,
    .footer = "\nExit status: 0.\n",
    .operand = add_operand,
    .check = check_settings,
};

static const char help[] =
    "usage: csann t [options] FILE...\n"
    "\n"
    "options:\n"
    "  --flag                a flag\n"
    "  --yes=yes|no          say yes [yes]\n"
    "  --count=N             lines of context\n"
    "                        around things [8]\n"
    "  --pct=PCT             a share\n"
    "  --str=TEXT            any text\n"
    "  --name=NAME           a name\n"
    "  -o FILE, --output=FILE\n"
    "                        write to FILE\n"
    "  --list=A,B            a list\n"
    "  --add=A,B             more items\n"
    "  -I DIR, --include=DIR look in DIR\n"
    "  --choice=one|two|three|four\n"
    "                        choose\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0.\n";

static void free_settings(settings *s)
{
    cs_strlist_clear(&s->list);
    cs_strlist_clear(&s->added);
    cs_strlist_clear(&s->dirs);
    cs_strlist_clear(&s->operands);
    memset(s, 0, sizeof *s);
}

/* Parses the NULL-terminated arguments after "t" into *s (cleared first);
 * returns cs_parse_options' result, with *out and *err what it printed. */
static int parse(const cs_command_line *cl, settings *s, int *status, char **out,
                 char **err, ...)
{
    char *argv[40];
    int argc = 0, rc;
    capture c_out, c_err;
    va_list ap;

    argv[argc++] = "t";
    va_start(ap, err);
    while ((argv[argc] = va_arg(ap, char *)) != NULL)
        argc++;
    va_end(ap);
    free_settings(s);
    *status = -99;
    capture_start(&c_out, stdout);
    capture_start(&c_err, stderr);
    rc = cs_parse_options(cl, s, argc, argv, status);
    *err = capture_end(&c_err);
    *out = capture_end(&c_out);
    return rc;
}

static void check_list(int line, const cs_strlist *l, const char *want)
{
    char got[400] = "";
    size_t i;
    for (i = 0; i < l->count; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "|" : "",
                 l->items[i]);
    unit_checks++;
    if (strcmp(got, want) != 0) {
        unit_failures++;
        fprintf(stderr, "%s:%d: list is \"%s\", expected \"%s\"\n", __FILE__, line,
                got, want);
    }
}
#define CHECK_LIST(l, want) check_list(__LINE__, l, want)

/* The arguments are refused with the message want (a usage error). */
#define CHECK_REFUSED(want, ...) do { \
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err, __VA_ARGS__, "file", \
                   (char *)NULL), -1); \
    CHECK_EQ(status, CSANN_EUSAGE); \
    CHECK_STR(err, "csann t: " want "\n(see csann t --help)\n"); \
    CHECK_STR(out, ""); \
    free(out); \
    free(err); \
} while (0)

int main(void)
{
    settings s;
    int status;
    char *out, *err;

    memset(&s, 0, sizeof s);
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err,
                   "--flag", "--yes=no", "--count", "12", "--pct=2.5", "--str=",
                   "--name=x", "-o", "f", "--list=a,b", "file1", "--list=c,,d",
                   "--add=a", "--add", "b,c", "-Idir1", "-I", "dir2",
                   "--include=dir3", "-I=x", "--choice=two", "-", "--", "--flag",
                   "--", "-x", (char *)NULL), 0);
    CHECK_EQ(status, -99);
    CHECK_STR(out, "");
    CHECK_STR(err, "");
    free(out);
    free(err);
    CHECK_EQ(s.flag, 1);
    CHECK_EQ(s.yes, 0);
    CHECK_EQ(s.count, 12);
    CHECK(s.pct == 2.5);
    CHECK_STR(s.str, "");
    CHECK_STR(s.name, "x");
    CHECK_STR(s.output, "f");
    CHECK_LIST(&s.list, "c|d");             /* the last --list wins */
    CHECK_LIST(&s.added, "a|b|c");          /* --add adds */
    CHECK_LIST(&s.dirs, "dir1|dir2|dir3|=x");
    CHECK_EQ(s.choice, 2);
    /* "-" is an operand; after "--" everything is, "--" too. */
    CHECK_LIST(&s.operands, "file1|-|--flag|--|-x");

    /* A value that looks like an option is still the value. */
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err, "--str", "--flag", "f",
                   (char *)NULL), 0);
    CHECK_STR(s.str, "--flag");
    CHECK_EQ(s.flag, 0);
    free(out);
    free(err);
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err, "--yes=yes",
                   "--count=1073741823", "--pct=100", "f", (char *)NULL), 0);
    CHECK_EQ(s.yes, 1);
    CHECK_EQ(s.count, INT_MAX / 2);
    CHECK(s.pct == 100.0);
    free(out);
    free(err);

    CHECK_REFUSED("unknown option '--bogus'", "--bogus");
    CHECK_REFUSED("unknown option '-x'", "-x");
    CHECK_REFUSED("unknown option '--flag=yes'", "--flag=yes");     /* no value */
    CHECK_REFUSED("unknown option '-ofile'", "-ofile");             /* not attached */
    CHECK_REFUSED("unknown option '--names=x'", "--names=x");       /* no prefixes */
    CHECK_REFUSED("unknown option '--nam=x'", "--nam=x");
    CHECK_REFUSED("option '--name' needs a value", "--name=");
    CHECK_REFUSED("option '--name' needs a value", "--name", "");
    CHECK_REFUSED("option '--output' needs a value", "--output=");
    CHECK_REFUSED("--yes wants yes or no, not 'maybe'", "--yes=maybe");
    CHECK_REFUSED("--yes wants yes or no, not ''", "--yes=");
    CHECK_REFUSED("--count wants a number of lines, not '-1'", "--count=-1");
    CHECK_REFUSED("--count wants a number of lines, not '1073741824'", "--count=1073741824");
    CHECK_REFUSED("--count wants a number of lines, not '3x'", "--count=3x");
    CHECK_REFUSED("--pct wants a percentage from 0 to 100, not '101'", "--pct=101");
    CHECK_REFUSED("--pct wants a percentage from 0 to 100, not 'x'", "--pct=x");
    CHECK_REFUSED("--pct wants a percentage from 0 to 100, not '5x'", "--pct=5x");
    CHECK_REFUSED("--choice wants one or two, not 'three'", "--choice", "three");
    CHECK_REFUSED("bad operand 'bad'", "bad");

    /* A missing value: the option is the last argument. */
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err, "f", "--str", (char *)NULL), -1);
    CHECK_STR(err, "csann t: option '--str' needs a value\n(see csann t --help)\n");
    free(out);
    free(err);
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err, "f", "-o", (char *)NULL), -1);
    CHECK_STR(err, "csann t: option '-o' needs a file name\n(see csann t --help)\n");
    free(out);
    free(err);
    /* The check after the last argument. */
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err, "--flag", (char *)NULL), -1);
    CHECK_EQ(status, CSANN_EUSAGE);
    CHECK_STR(err, "csann t: no file given\n(see csann t --help)\n");
    free(out);
    free(err);

    /* Arguments are read in order: what comes first decides. */
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err, "--help", "--bogus",
                   (char *)NULL), -1);
    CHECK_EQ(status, CSANN_OK);
    CHECK_STR(out, help);
    CHECK_STR(err, "");
    free(out);
    free(err);
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err, "--bogus", "-h",
                   (char *)NULL), -1);
    CHECK_EQ(status, CSANN_EUSAGE);
    CHECK_STR(out, "");
    free(out);
    free(err);
    CHECK_EQ(parse(&command_line, &s, &status, &out, &err, "-V", (char *)NULL), -1);
    CHECK_EQ(status, CSANN_OK);
    CHECK_STR(out, "csann (cachesim) unit\n");
    free(out);
    free(err);

    /* The default command: "csann:" and the whole help on a usage error. */
    {
        cs_command_line dflt = command_line;
        char want[4096];
        dflt.is_default = 1;
        CHECK_EQ(parse(&dflt, &s, &status, &out, &err, "--bogus", (char *)NULL), -1);
        snprintf(want, sizeof want, "csann: unknown option '--bogus'\n%s", help);
        CHECK_STR(err, want);
        free(out);
        free(err);
    }
    /* A command without operands, or without text around its options. */
    {
        cs_command_line bare = command_line;
        bare.operand = NULL;
        bare.check = NULL;
        bare.usage = bare.footer = NULL;
        CHECK_EQ(parse(&bare, &s, &status, &out, &err, "x", (char *)NULL), -1);
        CHECK_STR(err, "csann t: unexpected argument 'x'\n(see csann t --help)\n");
        free(out);
        free(err);
        CHECK_EQ(parse(&bare, &s, &status, &out, &err, "-h", (char *)NULL), -1);
        CHECK(strncmp(out, "  --flag                a flag\n", 31) == 0);
        free(out);
        free(err);
    }
    free_settings(&s);
    return unit_finish("test_options");
}
