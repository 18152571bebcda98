/* ring_prefetch.c - the ring step of issue 26 over the model, with and
 * without prefetchers: misses per load at one level against the ring's
 * size, as a table for docs/tools/ring_chart.sh.  Not run by the suite:
 *   tests/unit/model/ring_prefetch [D1|L2|LL] > ring.tsv
 * The ring: a backward pointer ring with a 64-byte stride (each element
 * one line, visited in descending order, as lmbench's lat_mem_rd walks),
 * one load instruction, one warm-up pass and four counted passes, under
 * D1 4 KB 2-way, L2 32 KB 4-way, LL 256 KB 8-way, lru, non-inclusive. */
#include "hier_fixture.h"

static const struct { const char *label, *d1, *l2; } configs[] = {
    { "none", "none", "none" },
    { "D1 nextline", "nextline", "none" },
    { "D1 ipstride", "ipstride", "none" },
    { "L2 adjacent", "none", "adjacent" },
    { "L2 stream", "none", "stream" },
    { "D1 nextline+ipstride, L2 adjacent+stream", "nextline+ipstride", "adjacent+stream" },
};

static double misses_per_load(const char *d1, const char *l2, unsigned level, unsigned long bytes)
{
    char text[1024];
    fixture_t f;
    unsigned long n = bytes / 64, k, pass, loads = 0, misses = 0;
    const unsigned long base = 0x40000000UL;

    snprintf(text, sizeof text,
             "I1 size=32K assoc=8 line=64 latency=4\n"
             "D1 size=4096 assoc=2 line=64 latency=4 prefetcher=%s\n"
             "L2 size=32768 assoc=4 line=64 latency=12 prefetcher=%s\n"
             "LL size=262144 assoc=8 line=64 latency=40\n"
             "memory latency=200\n", d1, l2);
    fixture_build(&f, text, 0);
    for (pass = 0; pass < 5; pass++)
        for (k = 0; k < n; k++) {
            cs_hier_outcome_t o = cs_hier_access_ext(&f.h, CS_HIER_READ,
                                                     base + (n - 1 - k) * 64, 8, 0x401000);
            if (pass == 0)
                continue;
            loads++;
            misses += (o & CS_HIER_MISS(level)) != 0;
        }
    fixture_destroy(&f);
    return (double)misses / (double)loads;
}

int main(int argc, char **argv)
{
    static const unsigned long sizes_kb[] = { 2, 3, 4, 6, 8, 12, 16, 24, 32, 40, 48, 64, 96, 128,
                                              192, 256, 288, 320, 384, 512, 768, 1024 };
    const char *name = argc > 1 ? argv[1] : "L2";
    unsigned level, s, c;

    if (strcmp(name, "D1") == 0)
        level = CS_HIER_L1;
    else if (strcmp(name, "L2") == 0)
        level = CS_HIER_L2;
    else if (strcmp(name, "LL") == 0)
        level = CS_HIER_LL;
    else {
        fprintf(stderr, "usage: ring_prefetch [D1|L2|LL]\n");
        return 2;
    }
    printf("# %s misses per load, ring step (D1 4 KB 2-way, L2 32 KB 4-way, LL 256 KB 8-way)\n",
           name);
    printf("ring (KB)");
    for (c = 0; c < sizeof configs / sizeof configs[0]; c++)
        printf("\t%s", configs[c].label);
    printf("\n");
    for (s = 0; s < sizeof sizes_kb / sizeof sizes_kb[0]; s++) {
        printf("%lu", sizes_kb[s]);
        for (c = 0; c < sizeof configs / sizeof configs[0]; c++)
            printf("\t%.4f", misses_per_load(configs[c].d1, configs[c].l2, level,
                                             sizes_kb[s] * 1024));
        printf("\n");
    }
    return 0;
}
