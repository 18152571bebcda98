/* fuzz_hwloc.c - the hwloc XML converter (annotate/lib/hwloc_cpu.c): `csann
 * cpu --from-hwloc=FILE` on the input, then the converter itself, whose
 * description (with its notes above it, as the command prints them) must
 * parse back into the same description and pass cs_cpu_check. */
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "hwloc_cpu.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(0, data, size);
    char arg[128], notes[2048], err[1024], msg[256];
    cs_cpu_t cpu;

    snprintf(arg, sizeof arg, "--from-hwloc=%s", path);
    fuzz_command(cmd_cpu, "cpu", arg, NULL);
    if (cs_hwloc_read(path, &cpu, notes, sizeof notes, err, sizeof err) != 0) {
        if (strncmp(err, path, strlen(path)) != 0 || err[strlen(path)] != ':')
            fuzz_fail("a rejected topology without 'FILE: message': '%s'", err);
        return 0;
    }
    if (cs_cpu_check(&cpu, msg, sizeof msg) != 0)
        fuzz_fail("the converter accepted caches the model cannot simulate: %s", msg);
    fuzz_expect_cpu_round_trip(&cpu, notes, "cs_hwloc_read");
    return 0;
}
