/* fuzz_tree.c - `csann annotate --tree`: callers and callees of every
 * function with inclusive costs (the calls= arcs), and the callers alone
 * from the second part. */
#include "commands.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(0, data, size);
    fuzz_command(cmd_annotate, "annotate", "--tree=both", "--inclusive=yes",
                 "--auto=no", "--threshold=0", path, NULL);
    fuzz_command(cmd_annotate, "annotate", "--tree=caller", "--part=2",
                 "--auto=no", path, NULL);
    return 0;
}
