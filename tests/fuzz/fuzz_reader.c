/* fuzz_reader.c - the profile reader (lib/reader.c) on its own: the input
 * read whole and, when it has several parts, its second part alone; every
 * rejection must name the file. */
#include <stdlib.h>
#include "harness.h"

static void read_and_total(const char *path, const char *part)
{
    cs_profile *p = fuzz_read(path, part);
    cs_count *totals;
    if (!p)
        return;
    totals = calloc(p->n_events + 1, sizeof *totals);
    if (!totals)
        fuzz_fail("out of memory");
    cs_profile_totals(p, totals);
    free(totals);
    if (!part && p->n_parts > 1)
        read_and_total(path, "2");
    cs_profile_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_and_total(fuzz_file(0, data, size), NULL);
    return 0;
}
