/* profile_input.h - the options and loading shared by the subcommands that
 * read several profiles (diff, merge, check, flamegraph): --part,
 * --mod-filename and --mod-funcname, and the error message of an
 * unreadable profile. */
#ifndef CSANN_PROFILE_INPUT_H
#define CSANN_PROFILE_INPUT_H
#include "name_rules.h"
#include "options.h"
#include "profile.h"

typedef struct cs_inputs {
    const char *part;           /* --part=N|LABEL, or NULL for all parts */
    cs_name_rules file_rules;   /* --mod-filename (also applied to objects) */
    cs_name_rules func_rules;   /* --mod-funcname */
} cs_inputs;

/* The option table entries of --part, --mod-filename and --mod-funcname
 * for the settings struct settings_type whose member is a cs_inputs. */
#define CS_INPUT_OPTIONS(settings_type, member) \
    { .type = CS_OPT_STRING, .name = "--part", .field = offsetof(settings_type, member.part), \
      .argh = "N|LABEL", .flags = CS_OPT_NONEMPTY, \
      .missing = "--part wants a number or a label", \
      .help = "use only part N (1-based), the part labelled LABEL\n" \
              "or the dump CACHESIM_DUMP_STATS_AT(\"LABEL\") made\n" \
              "[the sum of all parts]" }, \
    { .type = CS_OPT_CALLBACK, .name = "--mod-filename", \
      .field = offsetof(settings_type, member.file_rules), .argh = "REGEX/REPLACEMENT", \
      .parse = cs_inputs_parse_rule, \
      .help = "rewrite file and object names (POSIX extended\n" \
              "regex; \\1..\\9 in REPLACEMENT; write '/' as '\\/',\n" \
              "or use s|REGEX|REPLACEMENT|[g]) (repeatable)" }, \
    { .type = CS_OPT_CALLBACK, .name = "--mod-funcname", \
      .field = offsetof(settings_type, member.func_rules), .argh = "REGEX/REPLACEMENT", \
      .parse = cs_inputs_parse_rule, \
      .help = "the same for function names (repeatable)" }

/* Adds the rule value to the cs_name_rules field (--mod-filename/funcname). */
int cs_inputs_parse_rule(const cs_option *o, void *field, const char *value,
                         cs_opt_error *e);
/* Reads path with the --part selection; NULL after printing the error. */
cs_profile *cs_inputs_load(const cs_inputs *in, const char *path);
void cs_inputs_free(cs_inputs *in);

#endif
