/* profile_input.c - see profile_input.h. */
#include <stdio.h>
#include "profile_input.h"
#include "reader.h"

int cs_inputs_parse_rule(const cs_option *o, void *field, const char *value,
                         cs_opt_error *e)
{
    char why[400];
    if (cs_name_rules_add(field, value, why, sizeof why) < 0)
        return cs_opt_fail(e, "%s: %s", o->name, why);
    return 0;
}

cs_profile *cs_inputs_load(const cs_inputs *in, const char *path)
{
    cs_profile *p = cs_profile_new();
    cs_read_options ro = { in->part };
    char err[1024];
    if (cs_profile_read(p, path, &ro, err, sizeof err) < 0) {
        fprintf(stderr, "csann: %s\n", err);
        cs_profile_free(p);
        return NULL;
    }
    return p;
}

void cs_inputs_free(cs_inputs *in)
{
    cs_name_rules_free(&in->file_rules);
    cs_name_rules_free(&in->func_rules);
}
