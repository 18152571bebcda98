/* csann.c - entry point: picks the subcommand (commands.h) and hands it
 * the arguments.  Annotate is the default, so `csann --auto=yes FILE` works
 * as written. */
#include <stdio.h>
#include <string.h>
#include <libxml/xmlversion.h>
#include "commands.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    { "annotate", cmd_annotate, "per-function costs and annotated source (default)" },
    { "diff",     cmd_diff,     "the changes from one profile to another (NEW - OLD)" },
    { "merge",    cmd_merge,    "the sum of profiles of one run, as one profile" },
    { "check",    cmd_check,    "check a profile against budgets or a baseline (for CI)" },
    { "flamegraph", cmd_flamegraph, "an interactive SVG flame graph of any event, or folded stacks" },
    { "export",   cmd_export,   "the profile for other tools: --format=pprof (go tool pprof)" },
    { "cpu",      cmd_cpu,      "the CPU models of cachesim --cpu: list, print, or make from hwloc" },
};

static void usage(FILE *out)
{
    size_t i;
    fputs("usage: csann [COMMAND] [options] PROFILE [SOURCE...]\n"
          "\n"
          "Annotate, compare and merge cachesim, Callgrind and Cachegrind profiles.\n"
          "\n"
          "commands:\n", out);
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "options:\n"
          "  -h, --help       show this help (`csann COMMAND --help`: its options)\n"
          "  -V, --version    show the version and exit\n", out);
}

int main(int argc, char **argv)
{
    size_t i;

    LIBXML_TEST_VERSION
    if (argc < 2) {
        usage(stderr);
        return CSANN_EUSAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(stdout);
        fputs("\n", stdout);
        cmd_annotate_usage(stdout);
        return CSANN_OK;
    }
    if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("csann (cachesim) %s\n", CSANN_VERSION);
        return CSANN_OK;
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    /* No command word: annotate, with argv[0] standing for the command. */
    return cmd_annotate(argc, argv);
}
