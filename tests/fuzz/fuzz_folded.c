/* fuzz_folded.c - `csann flamegraph --folded`: folded stacks of one
 * profile under a summed event, and "STACK OLD NEW" lines of the input's
 * two profiles (see FUZZ_SEPARATOR). */
#include "commands.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *old_path, *new_path;
    fuzz_command(cmd_flamegraph, "flamegraph", "--folded",
                 "--event=L1m=I1mr+D1mr+D1mw", fuzz_file(2, data, size), NULL);
    fuzz_two_files(data, size, &old_path, &new_path);
    fuzz_command(cmd_flamegraph, "flamegraph", "--folded", "--diff",
                 old_path, new_path, NULL);
    return 0;
}
