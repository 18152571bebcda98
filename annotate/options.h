/* options.h - helpers for the subcommands' command-line parsing. */
#ifndef CSANN_OPTIONS_H
#define CSANN_OPTIONS_H
#include <stddef.h>

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

/* A growable list of strings. */
typedef struct cs_strlist {
    char **items;
    size_t count, cap;
} cs_strlist;

void cs_strlist_add(cs_strlist *l, const char *s);
/* Splits s at commas (skipping empty items) and appends the pieces. */
void cs_strlist_split(cs_strlist *l, const char *s);
void cs_strlist_clear(cs_strlist *l);

#endif
