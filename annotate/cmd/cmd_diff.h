/* cmd_diff.h - `csann diff OLD NEW`. */
#ifndef CSANN_CMD_DIFF_H
#define CSANN_CMD_DIFF_H
#include <stdio.h>

int cmd_diff(int argc, char **argv);
void cmd_diff_usage(FILE *out);

#endif
