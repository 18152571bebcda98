/* cmd_annotate.h - the annotate subcommand (the default one). */
#ifndef CSANN_CMD_ANNOTATE_H
#define CSANN_CMD_ANNOTATE_H
#include <stdio.h>

/* argv[0] is the command name; returns the exit status. */
int cmd_annotate(int argc, char **argv);
void cmd_annotate_usage(FILE *out);

#endif
