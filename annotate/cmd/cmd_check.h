/* cmd_check.h - `csann check`: a profile against budgets or a baseline. */
#ifndef CSANN_CMD_CHECK_H
#define CSANN_CMD_CHECK_H
#include <stdio.h>

int cmd_check(int argc, char **argv);
void cmd_check_usage(FILE *out);

#endif
