/* fuzz_diff.c - `csann diff OLD NEW` on the input's two profiles (see
 * FUZZ_SEPARATOR), with the per-line changes annotated and the difference
 * written with -o: csann must read that file back, and its totals must be
 * NEW's minus OLD's. */
#include "commands.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *old_path, *new_path, *out = "diff.out";
    fuzz_two_files(data, size, &old_path, &new_path);
    out = fuzz_temp_path(out);
    if (fuzz_command(cmd_diff, "diff", "--auto=yes", "--context=1", FUZZ_INCLUDES,
                     "--show=all", "--threshold=0", "-o", out, old_path, new_path,
                     NULL) == 0) {
        cs_profile *old = fuzz_read(old_path, NULL), *new_ = fuzz_read(new_path, NULL);
        if (!old || !new_)
            fuzz_fail("diff accepted profiles that the reader rejects");
        fuzz_expect_sum(out, new_, old, -1, "diff -o");
        cs_profile_free(old);
        cs_profile_free(new_);
    }
    return 0;
}
