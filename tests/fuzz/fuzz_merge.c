/* fuzz_merge.c - `csann merge -o FILE OLD NEW` on the input's two
 * profiles (see FUZZ_SEPARATOR): csann must read the merged file back, and
 * its totals must be the sum of the two. */
#include "commands.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *old_path, *new_path, *out;
    fuzz_two_files(data, size, &old_path, &new_path);
    out = fuzz_temp_path("merged.out");
    if (fuzz_command(cmd_merge, "merge", "-o", out, old_path, new_path, NULL) == 0) {
        cs_profile *old = fuzz_read(old_path, NULL), *new_ = fuzz_read(new_path, NULL);
        if (!old || !new_)
            fuzz_fail("merge accepted profiles that the reader rejects");
        fuzz_expect_sum(out, old, new_, +1, "merge -o");
        cs_profile_free(old);
        cs_profile_free(new_);
    }
    return 0;
}
