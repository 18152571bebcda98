/* presets.c - the built-in CPU descriptions, each with its sources. */
#include "presets.h"

/* The sources of the Intel presets' prefetchers, the same for each (CPU is
 * a string literal: the text is part of the description csann cpu prints). */
#define INTEL_PREFETCHERS(CPU) \
    "# Prefetchers: Intel documents four for its cores since Sandy Bridge,\n" \
    "#   modelled as D1 nextline (the \"DCU prefetcher\") and ipstride (the \"DCU\n" \
    "#   IP prefetcher\"), L2 stream (the \"streamer\": 32 streams, 2 requests a\n" \
    "#   lookup, up to 20 lines ahead) and adjacent (the \"spatial prefetcher\"):\n" \
    "#   Intel 64 and IA-32 Architectures Optimization Reference Manual (248966),\n" \
    "#   \"Data Prefetching\" (section 2.3.5.4 in edition -028), the same\n" \
    "#   four that MSR 0x1A4 switches (Intel, \"Disclosure of H/W prefetcher\n" \
    "#   control on some Intel processors\", 2014, Nehalem to Broadwell,\n" \
    "#   https://software.intel.com/content/www/us/en/develop/articles/disclosure-of-hw-prefetcher-control-on-some-intel-processors.html);\n" \
    "#   assumed: the manual was not re-checked for this preset, nor that\n" \
    "#   " CPU " keeps all four; parameters are this model's defaults.\n"

static const char cachegrind_text[] =
    "# Cachegrind's model, the default: I1, D1 and LL, true LRU, no inclusion\n"
    "# and no write-back, with Cachegrind's start state and its handling of\n"
    "# accesses across two lines (cachegrind/cg_sim.c).  The tool replaces these\n"
    "# geometries with the host's caches, as Cachegrind detects them, or with\n"
    "# --I1/--D1/--LL; the ones here are Cachegrind's amd64 defaults\n"
    "# (cachegrind/cg_arch.c).  The latencies only set the cycle estimate:\n"
    "# Ir + 10 per L1 miss + 100 per LL miss + 10 per mispredicted branch,\n"
    "# KCachegrind's built-in CEst formula (libcore/globalconfig.cpp).\n"
    "cpu name=cachegrind title=\"Cachegrind's model: I1, D1 and LL, LRU, no inclusion, no write-back\"\n"
    "    writeback=no seed=1 branch-penalty=10 cachegrind-quirks=yes\n"
    "I1  size=64K  assoc=2 line=64 policy=lru latency=1\n"
    "D1  size=64K  assoc=2 line=64 policy=lru latency=1\n"
    "LL  size=256K assoc=8 line=64 policy=lru latency=11 inclusion=non-inclusive\n"
    "memory latency=111\n";

static const char skylake_text[] =
    "# Intel Skylake client, as in the Core i7-6700K (4 cores, 8 MB L3).\n"
    "# Sizes, ways, latencies and inclusion: AnandTech, \"The Intel Skylake-X\n"
    "#   Review\", page 4, table \"Comparison: Skylake-S and Skylake-SP Caches\",\n"
    "#   Skylake-S column: L1-D and L1-I 32 KB 8-way, 4 cycles; L2 256 KB\n"
    "#   4-way, 11 cycles, inclusive; L3 under 2 MB per core, up to 16-way,\n"
    "#   44 cycles, inclusive (8 MB, 16-way, for four cores).\n"
    "#   https://www.anandtech.com/show/11550/the-intel-skylakex-review-core-i9-7900x-i7-7820x-and-i7-7800x-tested/4\n"
    "# Replacement policies: the simulator published with nanoBench (Abel and\n"
    "#   Reineke; tools/CacheAnalyzer/cacheSim.py, whose policies uops.info's\n"
    "#   cache page describes) names QLRU_H00_M1_R2_U1 as the L2 policy and\n"
    "#   QLRU_H11_M1_R0_U0 as the L3 policy of Coffee Lake, which has Skylake's\n"
    "#   cores and caches: assumed the same for Skylake.  L1 tree-PLRU: assumed\n"
    "#   (uops.info gives PLRU for the L1 of the Intel cores it measured; not\n"
    "#   checked for Skylake itself).\n"
    "# Memory: assumed, an estimate of L3's 44 cycles plus about 50 ns of DDR4\n"
    "#   at 4 GHz, rounded up to 246 (7-cpu.com's figure for the i7-6700 is\n"
    "#   of this order).\n"
    "# Branch misprediction: assumed 16 cycles (Agner Fog's microarchitecture\n"
    "#   guide gives 15 to 20 for Skylake; not checked here).\n"
    INTEL_PREFETCHERS("Skylake")
    "cpu name=skylake title=\"Intel Skylake client (Core i7-6700K: 32K L1, 256K L2, 8M L3)\"\n"
    "    writeback=yes seed=1 branch-penalty=16\n"
    "I1  size=32K  assoc=8  line=64 policy=tree-plru latency=4\n"
    "D1  size=32K  assoc=8  line=64 policy=tree-plru latency=4\n"
    "    prefetcher=nextline+ipstride\n"
    "L2  size=256K assoc=4  line=64 policy=qlru:H00_M1_R2_U1 latency=11 inclusion=inclusive\n"
    "    prefetcher=adjacent+stream\n"
    "LL  size=8M   assoc=16 line=64 policy=qlru:H11_M1_R0_U0 latency=44 inclusion=inclusive\n"
    "memory latency=246\n";

static const char icelake_text[] =
    "# Intel Ice Lake client, as in the Core i5-1035G1 (4 cores, 6 MB L3).\n"
    "# D1, L2 and L3 sizes, ways, latencies and replacement policies: measured\n"
    "#   by Abel and Reineke with nanoBench, https://uops.info/cache.html\n"
    "#   (Core i5-1035G1): L1 data 48 kB 12-way, 5 cycles, LRU3PLRU4; L2\n"
    "#   512 kB 8-way, 13 cycles, QLRU_H00_M1_R0_U1; L3 6 MB 12-way, 41\n"
    "#   cycles, adaptive: a few fixed sets use QLRU_H00_M1_R0_U1; in the rest\n"
    "#   the policy changes at run time, some new lines starting at age 3\n"
    "#   (modelled as QLRU_H00_M1_R0_U1 everywhere: an approximation).\n"
    "# I1: assumed 32 KB 8-way (Sunny Cove's published L1I), tree-plru, with\n"
    "#   D1's latency (not measured by uops.info).\n"
    "# Inclusion: assumed inclusive at L2 and L3, as in Intel's client parts\n"
    "#   before Tiger Lake (not checked for Ice Lake itself).\n"
    "# Memory: assumed, an estimate of L3's 41 cycles plus about 80 ns of\n"
    "#   LPDDR4X at 3.6 GHz.\n"
    "# Branch misprediction: assumed 17 cycles.\n"
    INTEL_PREFETCHERS("Ice Lake")
    "cpu name=icelake title=\"Intel Ice Lake client (Core i5-1035G1: 48K L1D, 512K L2, 6M L3)\"\n"
    "    writeback=yes seed=1 branch-penalty=17\n"
    "I1  size=32K  assoc=8  line=64 policy=tree-plru latency=5\n"
    "D1  size=48K  assoc=12 line=64 policy=lru3plru4 latency=5\n"
    "    prefetcher=nextline+ipstride\n"
    "L2  size=512K assoc=8  line=64 policy=qlru:H00_M1_R0_U1 latency=13 inclusion=inclusive\n"
    "    prefetcher=adjacent+stream\n"
    "LL  size=6M   assoc=12 line=64 policy=qlru:H00_M1_R0_U1 latency=41 inclusion=inclusive\n"
    "memory latency=330\n";

static const char zen3_text[] =
    "# AMD Zen 3, as in the Ryzen 7 5800X (8 cores sharing one 32 MB L3).\n"
    "# Sizes, ways, latencies and inclusion, as AMD's \"Software Optimization\n"
    "#   Guide for AMD Family 19h Processors\" (publication 56665) gives them:\n"
    "#   L1 instruction and data caches 32 KB 8-way, 4 cycles; L2 512 KB\n"
    "#   8-way, inclusive of the L1 caches, 12 cycles; L3 32 MB 16-way, shared\n"
    "#   by the 8 cores of a CCD and filled from L2's victims (a victim cache),\n"
    "#   46 cycles on average (https://www.amd.com/system/files/TechDocs/56665.zip).\n"
    "#   Not re-checked against the guide for this preset: treat them as\n"
    "#   assumed until they are.\n"
    "# Replacement policies: not published by AMD; lru assumed at every level.\n"
    "# Memory: assumed, an estimate of L3's 46 cycles plus about 70 ns of\n"
    "#   DDR4-3200 at 4.7 GHz.\n"
    "# Branch misprediction: assumed 13 cycles.\n"
    "# Prefetchers: the same AMD guide lists L1 stream, L1 stride, L1 region,\n"
    "#   L2 stream and L2 up/down prefetchers; modelled as D1 stream and\n"
    "#   ipstride and L2 stream, with this model's default parameters (AMD\n"
    "#   gives none); region and up/down are not modelled.  Assumed: the list\n"
    "#   was not re-checked against the guide for this preset.\n"
    "cpu name=zen3 title=\"AMD Zen 3 (Ryzen 7 5800X: 32K L1, 512K L2, 32M victim L3)\"\n"
    "    writeback=yes seed=1 branch-penalty=13\n"
    "I1  size=32K  assoc=8  line=64 policy=lru latency=4\n"
    "D1  size=32K  assoc=8  line=64 policy=lru latency=4\n"
    "    prefetcher=ipstride+stream\n"
    "L2  size=512K assoc=8  line=64 policy=lru latency=12 inclusion=inclusive\n"
    "    prefetcher=stream\n"
    "LL  size=32M  assoc=16 line=64 policy=lru latency=46 inclusion=exclusive\n"
    "memory latency=375\n";

static const cs_cpu_preset_t presets[] = {
    { "cachegrind", "Cachegrind's model: I1, D1 and LL, LRU (the default)", cachegrind_text },
    { "skylake", "Intel Skylake client (Core i7-6700K)", skylake_text },
    { "icelake", "Intel Ice Lake client (Core i5-1035G1)", icelake_text },
    { "zen3", "AMD Zen 3 (Ryzen 7 5800X)", zen3_text },
};

const cs_cpu_preset_t *cs_cpu_presets(unsigned *count)
{
    *count = sizeof presets / sizeof presets[0];
    return presets;
}

const cs_cpu_preset_t *cs_cpu_preset_find(const char *name)
{
    unsigned i, k;
    for (i = 0; i < sizeof presets / sizeof presets[0]; i++) {
        const char *p = presets[i].name;
        for (k = 0; p[k] != '\0' && p[k] == name[k]; k++)
            ;
        if (p[k] == '\0' && name[k] == '\0')
            return &presets[i];
    }
    return 0;
}

int cs_cpu_preset_load(const cs_cpu_preset_t *preset, cs_cpu_t *out, cs_cpu_error_t *err)
{
    unsigned long len = 0;
    while (preset->text[len] != '\0')
        len++;
    return cs_cpu_parse(out, preset->text, len, preset->name, err);
}
