/* cmd_merge.h - `csann merge [-o FILE] A B [C...]`. */
#ifndef CSANN_CMD_MERGE_H
#define CSANN_CMD_MERGE_H
#include <stdio.h>

int cmd_merge(int argc, char **argv);
void cmd_merge_usage(FILE *out);

#endif
