/* profile_input.h - the options and loading shared by the subcommands that
 * read several profiles (diff, merge, check): --part, --mod-filename and
 * --mod-funcname, and the error message of an unreadable profile. */
#ifndef CSANN_PROFILE_INPUT_H
#define CSANN_PROFILE_INPUT_H
#include <stdio.h>
#include "name_rules.h"
#include "profile.h"

typedef struct cs_inputs {
    const char *part;           /* --part=N|LABEL, or NULL for all parts */
    cs_name_rules file_rules;   /* --mod-filename (also applied to objects) */
    cs_name_rules func_rules;   /* --mod-funcname */
} cs_inputs;

/* If argv[*i] is one of the shared options, consumes it and returns 1;
 * returns 0 if it is not; -1 with a message in err on a bad value. */
int cs_inputs_option(cs_inputs *in, int argc, char **argv, int *i,
                     char *err, size_t errlen);
/* Reads path with the --part selection; NULL after printing the error. */
cs_profile *cs_inputs_load(const cs_inputs *in, const char *path);
/* The shared options' lines of a --help text. */
void cs_inputs_usage(FILE *out);
void cs_inputs_free(cs_inputs *in);

#endif
