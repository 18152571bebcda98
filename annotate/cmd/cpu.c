/* cpu.c - `csann cpu`: the CPU descriptions of cachesim's --cpu.  With no
 * operand it lists the presets; `csann cpu NAME` prints one as a
 * description file, sources included, to copy and edit; `csann cpu
 * --from-hwloc=FILE.xml` makes one from hwloc's topology of a machine.
 * The presets and the description format are the tool's own code
 * (vgtool/model/presets.c, cpu_desc.c), linked here as they are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "hwloc_cpu.h"
#include "model/cpu_desc.h"
#include "model/presets.h"
#include "options.h"

typedef struct settings {
    const char *name;           /* the preset to print, or NULL */
    const char *hwloc;          /* --from-hwloc FILE, or NULL */
} settings;

static const cs_option options[] = {
    { .type = CS_OPT_STRING, .name = "--from-hwloc", .field = offsetof(settings, hwloc),
      .argh = "FILE.xml", .flags = CS_OPT_NONEMPTY,
      .help = "print a description of the caches of hwloc's XML\n"
              "topology (made with lstopo --of xml); what hwloc\n"
              "does not give (latencies, policies) is assumed and\n"
              "said so in its comments" },
    CS_OPT_HELP_ENTRIES,
    CS_OPT_TABLE_END
};

static int set_name(void *settings_, const char *arg, cs_opt_error *e)
{
    settings *s = settings_;
    if (s->name)
        return cs_opt_fail(e, "one preset at a time ('%s')", arg);
    s->name = arg;
    return 0;
}

static int check_settings(void *settings_, cs_opt_error *e)
{
    const settings *s = settings_;
    if (s->name && s->hwloc)
        return cs_opt_fail(e, "give a preset name or --from-hwloc, not both");
    return 0;
}

static const cs_command_line command_line = {
    .command = "cpu",
    .usage = "usage: csann cpu [NAME | --from-hwloc=FILE.xml]\n"
             "\n"
             "The CPU models of cachesim's --cpu option: with no argument, list the\n"
             "presets; with a preset's NAME, print it as a description file (with the\n"
             "sources of its figures) to copy, edit and give as --cpu=FILE.\n"
             "\n"
             "options:\n",
    .options = options,
    .footer = "\n"
              "Exit status: 0 success, 1 unknown preset or unreadable or unusable hwloc\n"
              "file, 2 usage error.\n",
    .operand = set_name,
    .check = check_settings,
};

static int list_presets(FILE *out)
{
    unsigned n, i;
    const cs_cpu_preset_t *p = cs_cpu_presets(&n);
    fputs("Presets of cachesim's --cpu (csann cpu NAME prints one):\n\n", out);
    for (i = 0; i < n; i++)
        fprintf(out, "  %-12s %s\n", p[i].name, p[i].title);
    fputs("\nOr --cpu=FILE, a description file (docs/cpu-models.md).\n", out);
    return CSANN_OK;
}

static int print_preset(FILE *out, const char *name)
{
    const cs_cpu_preset_t *p = cs_cpu_preset_find(name);
    unsigned n, i;
    if (!p) {
        const cs_cpu_preset_t *all = cs_cpu_presets(&n);
        fprintf(stderr, "csann cpu: no preset '%s'; the presets are:", name);
        for (i = 0; i < n; i++)
            fprintf(stderr, " %s", all[i].name);
        fputc('\n', stderr);
        return CSANN_EDATA;
    }
    fputs(p->text, out);
    return CSANN_OK;
}

static int print_hwloc(FILE *out, const char *path)
{
    cs_cpu_t cpu;
    char notes[2048], err[1024], *text;
    unsigned long len;
    if (cs_hwloc_read(path, &cpu, notes, sizeof notes, err, sizeof err) < 0) {
        fprintf(stderr, "csann cpu: %s\n", err);
        return CSANN_EDATA;
    }
    len = cs_cpu_print(&cpu, NULL, 0);
    text = malloc(len + 1);
    if (!text) {
        perror("csann cpu");
        return CSANN_EDATA;
    }
    cs_cpu_print(&cpu, text, len + 1);
    fprintf(out, "# Made by csann cpu --from-hwloc=%s\n%s", path, notes);
    fputs(text, out);
    free(text);
    return CSANN_OK;
}

int cmd_cpu(int argc, char **argv)
{
    settings s;
    int rc;
    memset(&s, 0, sizeof s);
    if (cs_parse_options(&command_line, &s, argc, argv, &rc) != 0)
        return rc;
    if (s.hwloc)
        rc = print_hwloc(stdout, s.hwloc);
    else if (s.name)
        rc = print_preset(stdout, s.name);
    else
        rc = list_presets(stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("csann cpu: writing");
        rc = CSANN_EDATA;
    }
    return rc;
}
