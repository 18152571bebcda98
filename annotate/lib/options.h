/* options.h - a subcommand's command line, declared as data.
 *
 * A subcommand keeps what its arguments set in a struct of its own (its
 * settings) and describes each option as one cs_option: the spelling, the
 * field of the settings it sets (an offsetof), the kind of value it takes
 * and its help.  A cs_command_line adds the text around the options and
 * what to do with the operands (file names).  cs_parse_options reads argv
 * against that description, and the help comes from the same table.
 *
 * One return convention: every function here and every hook a command
 * gives returns 0 when all is well and -1 on a usage error, the hooks with
 * the message set by cs_opt_fail. */
#ifndef CSANN_OPTIONS_H
#define CSANN_OPTIONS_H
#include <stddef.h>
#include <stdio.h>
#include "exit_status.h"
#include "strlist.h"

/* The message of a usage error. */
typedef struct cs_opt_error {
    char *message;
} cs_opt_error;

/* Sets e's message (printf-style) and returns -1. */
int cs_opt_fail(cs_opt_error *e, const char *fmt, ...);

typedef enum cs_opt_type {
    CS_OPT_END,         /* ends a table */
    CS_OPT_HELP,        /* prints the help; the command stops (exit 0) */
    CS_OPT_VERSION,     /* prints the version; the command stops (exit 0) */
    CS_OPT_FLAG,        /* int = 1; no value */
    CS_OPT_STRING,      /* const char * = the value (it points into argv) */
    CS_OPT_YES_NO,      /* int = 1 for "yes", 0 for "no" */
    CS_OPT_COUNT,       /* int = a decimal number from 0 to INT_MAX / 2 */
    CS_OPT_PERCENT,     /* double = a number from 0 to 100 */
    CS_OPT_LIST,        /* cs_strlist = the comma-separated items (the last
                         * use of the option wins) */
    CS_OPT_LIST_ADD,    /* cs_strlist += the comma-separated items */
    CS_OPT_ADD,         /* cs_strlist += the value, as one item */
    CS_OPT_CALLBACK     /* parse(option, field, value, e) */
} cs_opt_type;

/* cs_option.flags */
enum {
    CS_OPT_NONEMPTY = 1,    /* an empty value is refused */
    CS_OPT_ATTACHED = 2,    /* a one-letter option also takes "-xVALUE" */
    CS_OPT_HIDDEN = 4       /* left out of the help */
};

typedef struct cs_option cs_option;
struct cs_option {
    cs_opt_type type;
    const char *name;       /* as typed: "--show", "-o" */
    size_t field;           /* offsetof(settings, the field set) */
    const char *argh;       /* the value in the help ("FILE"), if any */
    /* Lines of help, '\n' between them.  NULL: this spelling shares the
     * next entry's help line ("-I DIR, --include=DIR"). */
    const char *help;
    unsigned flags;
    /* A missing value's message, %s the option's name; NULL for
     * "option '%s' needs a value". */
    const char *missing;
    /* A refused value's message, %s the value; NULL for the type's own
     * ("--auto wants yes or no, not 'x'"), or for an empty value refused by
     * CS_OPT_NONEMPTY, the missing value's message. */
    const char *bad;
    /* CS_OPT_CALLBACK: sets *field from value. */
    int (*parse)(const cs_option *o, void *field, const char *value, cs_opt_error *e);
};

/* The table's last entry. */
#define CS_OPT_TABLE_END { .type = CS_OPT_END }
/* -h and --help, as every command takes them. */
#define CS_OPT_HELP_ENTRIES \
    { .type = CS_OPT_HELP, .name = "-h" }, \
    { .type = CS_OPT_HELP, .name = "--help", .help = "show this help" }

typedef struct cs_command_line {
    const char *command;    /* "diff": its messages start "csann diff: " */
    /* The default command (annotate) is run without its name, so its
     * messages start "csann: " and a usage error shows its whole help. */
    int is_default;
    const char *usage;      /* the help above the options (may be NULL) */
    const cs_option *options;
    const char *footer;     /* the help below the options (may be NULL) */
    /* Takes one operand (an argument that is not an option, or any after
     * "--"), in the order given; NULL when the command takes none. */
    int (*operand)(void *settings, const char *arg, cs_opt_error *e);
    /* Checks the settings once every argument is read; may be NULL. */
    int (*check)(void *settings, cs_opt_error *e);
} cs_command_line;

/* Reads argv[1..argc) into settings, each argument in turn.  Returns 0
 * when the command should run; else -1 with *status set to the exit status
 * the command returns: CSANN_OK after printing its help or the version,
 * CSANN_EUSAGE after printing a usage error. */
int cs_parse_options(const cs_command_line *cl, void *settings, int argc,
                     char **argv, int *status);

/* The command's help: usage, one line or more per option, footer. */
void cs_print_help(const cs_command_line *cl, FILE *out);

#endif
