/* options.h - helpers for the subcommands' command-line parsing. */
#ifndef CSANN_OPTIONS_H
#define CSANN_OPTIONS_H
#include <stddef.h>
#include <stdio.h>
#include "strlist.h"

/* If arg is "--name=VALUE", sets *value and returns 1; "--name" alone with
 * a following argument consumes it (*i is advanced).  Returns 0 when arg is
 * not this option, -1 when its value is missing. */
int cs_opt_value(int argc, char **argv, int *i, const char *name,
                 const char **value);
/* "yes"/"no" -> 1/0, else -1. */
int cs_opt_yes_no(const char *value);
/* A non-negative decimal integer that fits an int, else -1. */
int cs_opt_uint(const char *value);
/* A percentage from 0 to 100 ("0.5"); -1 when it is not one. */
int cs_opt_percent(const char *value, double *out);

/* Prints "csann CMD: " and the message (fmt with one %s for arg) on stderr,
 * then a pointer to CMD's --help, as every subcommand but the default
 * `annotate` does; returns CSANN_EUSAGE. */
int cs_usage_error(const char *cmd, const char *fmt, const char *arg);

/* Which of the shared options a subcommand takes (bits of
 * cs_common_opts.takes); the others stay unknown options to it. */
enum {
    CS_TAKES_SHOW_SORT = 1,     /* --show, --sort */
    CS_TAKES_THRESHOLD = 2,     /* --threshold */
    CS_TAKES_SOURCES = 4        /* --auto, --context, --include */
};

/* The arguments every subcommand reads alike, and what they set. */
typedef struct cs_common_opts {
    unsigned takes;             /* CS_TAKES_* bits */
    int only_operands;          /* after "--" every argument is an operand */
    cs_strlist show, sort;      /* the last --show (--sort) wins */
    cs_strlist includes;        /* --include; the -I forms are each command's */
    double threshold;           /* a percentage of what the command says [0.1] */
    int auto_annotate;          /* --auto [no] */
    int context;                /* --context [8] */
} cs_common_opts;

/* A usage error for the caller to print: fmt with one %s for arg. */
typedef struct cs_opt_error {
    const char *fmt, *arg;
} cs_opt_error;

/* What cs_common_option made of an argument. */
enum { CS_ARG_OTHER, CS_ARG_TAKEN, CS_ARG_HELP, CS_ARG_BAD };

/* Clears o and sets the defaults. */
void cs_common_opts_init(cs_common_opts *o, unsigned takes);
/* Whether arg is an operand (a file): not an option, "-" alone, or any
 * argument after "--". */
int cs_is_operand(const cs_common_opts *o, const char *arg);
/* Reads the option argv[*i] if it is "--", -h/--help or a shared option in
 * o->takes (advancing *i past a separate value): CS_ARG_TAKEN, CS_ARG_HELP
 * (the caller prints its help), CS_ARG_BAD (with *e set) or CS_ARG_OTHER. */
int cs_common_option(cs_common_opts *o, int argc, char **argv, int *i,
                     cs_opt_error *e);
void cs_common_opts_free(cs_common_opts *o);

/* One step of a subcommand's argument loop, for the options every
 * subcommand shares: those of common and, when in is not NULL, those of
 * in (--part, --mod-filename, --mod-funcname).  Returns CS_STEP_NEXT when
 * argv[*i] was one of them, CS_STEP_OWN when it is not, else the exit
 * status to return, after printing the help (usage) or a usage error. */
enum { CS_STEP_OWN = -2, CS_STEP_NEXT = -1 };
struct cs_inputs;
int cs_shared_option(cs_common_opts *common, struct cs_inputs *in, int argc, char **argv,
                     int *i, void (*usage)(FILE *out),
                     int (*usage_error)(const char *fmt, const char *arg));

#endif
