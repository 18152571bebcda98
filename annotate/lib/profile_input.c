/* profile_input.c - see profile_input.h. */
#include <string.h>
#include "options.h"
#include "profile_input.h"
#include "reader.h"

int cs_inputs_option(cs_inputs *in, int argc, char **argv, int *i,
                     char *err, size_t errlen)
{
    const char *v, *name = argv[*i];
    int rc;
    char why[400];

    if ((rc = cs_opt_value(argc, argv, i, "--part", &v)) != 0) {
        if (rc < 0 || !*v) {
            snprintf(err, errlen, "--part wants a number or a label");
            return -1;
        }
        in->part = v;
        return 1;
    }
    if ((rc = cs_opt_value(argc, argv, i, "--mod-filename", &v)) != 0
        || (rc = cs_opt_value(argc, argv, i, "--mod-funcname", &v)) != 0) {
        int files = strncmp(name, "--mod-filename", 14) == 0;
        if (rc < 0) {
            snprintf(err, errlen, "option '%s' needs a value", name);
            return -1;
        }
        if (cs_name_rules_add(files ? &in->file_rules : &in->func_rules, v,
                              why, sizeof why) < 0) {
            snprintf(err, errlen, "%s: %s", files ? "--mod-filename" : "--mod-funcname",
                     why);
            return -1;
        }
        return 1;
    }
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

void cs_inputs_usage(FILE *out)
{
    fputs("  --part=N|LABEL        use only part N (1-based), the part labelled LABEL\n"
          "                        or the dump CACHESIM_DUMP_STATS_AT(\"LABEL\") made\n"
          "                        [the sum of all parts]\n"
          "  --mod-filename=REGEX/REPLACEMENT\n"
          "                        rewrite file and object names (POSIX extended\n"
          "                        regex; \\1..\\9 in REPLACEMENT; write '/' as '\\/',\n"
          "                        or use s|REGEX|REPLACEMENT|[g]) (repeatable)\n"
          "  --mod-funcname=REGEX/REPLACEMENT\n"
          "                        the same for function names (repeatable)\n", out);
}

void cs_inputs_free(cs_inputs *in)
{
    cs_name_rules_free(&in->file_rules);
    cs_name_rules_free(&in->func_rules);
}
