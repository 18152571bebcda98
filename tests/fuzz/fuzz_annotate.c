/* fuzz_annotate.c - `csann annotate`: the function table with annotated
 * source (found through -I in the test programs' directories), then derived
 * columns over every function (--threshold=0). */
#include "commands.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(0, data, size);
    fuzz_command(cmd_annotate, "annotate", "--auto=yes", "--context=2",
                 FUZZ_INCLUDES, path, NULL);
    fuzz_command(cmd_annotate, "annotate", "--auto=no", "--threshold=0",
                 "--derive=L1m=I1mr+D1mr+D1mw", "--derive=D1mr/Dr",
                 "--show=Ir,L1m,D1mr/Dr", "--sort=L1m,Ir", path, NULL);
    return 0;
}
