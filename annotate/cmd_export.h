/* cmd_export.h - `csann export`: a profile in another tool's format. */
#ifndef CSANN_CMD_EXPORT_H
#define CSANN_CMD_EXPORT_H
#include <stdio.h>

int cmd_export(int argc, char **argv);
void cmd_export_usage(FILE *out);

#endif
