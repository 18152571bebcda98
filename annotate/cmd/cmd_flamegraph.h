/* cmd_flamegraph.h - `csann flamegraph`: flame graphs of any event. */
#ifndef CSANN_CMD_FLAMEGRAPH_H
#define CSANN_CMD_FLAMEGRAPH_H
#include <stdio.h>

int cmd_flamegraph(int argc, char **argv);
void cmd_flamegraph_usage(FILE *out);

#endif
