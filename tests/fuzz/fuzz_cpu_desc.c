/* fuzz_cpu_desc.c - the CPU description reader (vgtool/model/cpu_desc.c,
 * the tool's own plain C, as `cachesim --cpu=FILE` and csann use it) on the
 * input's bytes: a rejection names the file; an accepted description is
 * checked, gives its cycle-estimate event and prints as text that parses
 * back into the same description. */
#include <string.h>
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cs_cpu_t cpu;
    cs_cpu_error_t err;
    char msg[256], cest[512];

    if (cs_cpu_parse(&cpu, (const char *)data, size, "fuzz.cpu", &err) != 0) {
        if (strncmp(err.message, "fuzz.cpu:", 9) != 0)
            fuzz_fail("a rejected description without 'FILE: message': '%s'", err.message);
        return 0;
    }
    if (cs_cpu_check(&cpu, msg, sizeof msg) == 0) {
        if (cs_cpu_cest_event(&cpu, 1, cest, sizeof cest) >= sizeof cest)
            fuzz_fail("the cycle estimate of a description is longer than %zu", sizeof cest);
        cs_cpu_cest_event(&cpu, 0, cest, sizeof cest);
    }
    fuzz_expect_cpu_round_trip(&cpu, NULL, "cs_cpu_parse");
    return 0;
}
