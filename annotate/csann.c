/* csann.c - entry point: picks the subcommand and hands it the arguments.
 * Annotate is the default, so `csann --auto=yes FILE` works as written. */
#include <stdio.h>
#include <string.h>
#include <libxml/xmlversion.h>
#include "csann.h"

static void usage(FILE *out)
{
    fputs("usage: csann [options] PROFILE [SOURCE...]\n"
          "\n"
          "Annotate a cachesim, Callgrind or Cachegrind profile.\n"
          "\n"
          "options:\n"
          "  -h, --help       show this help and exit\n"
          "  -V, --version    show the version and exit\n",
          out);
}

int main(int argc, char **argv)
{
    int i;

    LIBXML_TEST_VERSION
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return CSANN_OK;
        }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("csann (cachesim) %s\n", CSANN_VERSION);
            return CSANN_OK;
        }
        if (a[0] == '-') {
            fprintf(stderr, "csann: unknown option '%s'\n", a);
            usage(stderr);
            return CSANN_EUSAGE;
        }
    }
    usage(stderr);
    return CSANN_EUSAGE;
}
