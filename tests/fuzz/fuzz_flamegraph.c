/* fuzz_flamegraph.c - `csann flamegraph`: the SVG of one profile (exact
 * stacks, or stacks reconstructed from calls= arcs), written with -o and
 * parsed back as XML, and the differential SVG of the input's two profiles
 * (see FUZZ_SEPARATOR) on standard output. */
#include "commands.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *old_path, *new_path, *svg = fuzz_temp_path("graph.svg");
    if (fuzz_command(cmd_flamegraph, "flamegraph", "--threshold=0", "-o", svg,
                     fuzz_file(2, data, size), NULL) == 0)
        fuzz_expect_xml(svg, "flamegraph -o");
    fuzz_two_files(data, size, &old_path, &new_path);
    fuzz_command(cmd_flamegraph, "flamegraph", "--diff", "--title=<&\">",
                 old_path, new_path, NULL);
    return 0;
}
