/* name_rules.h - --mod-filename / --mod-funcname: regex substitutions that
 * make the file and function names of two builds match (build directories,
 * Rust hash suffixes) before their profiles are compared or merged. */
#ifndef CSANN_NAME_RULES_H
#define CSANN_NAME_RULES_H
#include <stddef.h>
#include <regex.h>

typedef struct cs_name_rule {
    char *spec;             /* as given, for messages and report headers */
    regex_t re;             /* POSIX extended */
    char *replacement;      /* \0-\9 refer to the match and its groups */
    int global;             /* replace every match, not just the first */
} cs_name_rule;

typedef struct cs_name_rules {
    cs_name_rule *items;
    size_t count;
} cs_name_rules;

/* Parses "REGEX/REPLACEMENT" or "s<d>REGEX<d>REPLACEMENT<d>[g]" (any
 * delimiter d) and appends it.  A delimiter inside either part is written
 * "\<d>".  Returns -1 with a message in err. */
int cs_name_rules_add(cs_name_rules *rules, const char *spec, char *err,
                      size_t errlen);
/* The name after every rule, in order (a new string to free). */
char *cs_name_rules_apply(const cs_name_rules *rules, const char *name);
void cs_name_rules_free(cs_name_rules *rules);

#endif
