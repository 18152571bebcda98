/* test_cpu_desc.c - host tests of CPU descriptions (vgtool/model/
 * cpu_desc.h, presets.h): parsing, the errors with file and line, the
 * checks, printing back, the presets and the cycle-estimate event. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "model/cpu_desc.h"
#include "model/presets.h"

static const char example[] =
    "# an example with every field\n"
    "cpu name=mine title=\"My test CPU\" writeback=yes seed=7\n"
    "    branch-penalty=15   # continued on an indented line\n"
    "\n"
    "I1 size=32K assoc=8 line=64 policy=tree-plru latency=4\n"
    "D1\tsize=48K assoc=12 line=64 policy=lru3plru4 latency=5\r\n"
    "L2 size=1M assoc=16 line=64 policy=QLRU_H00_M1_R0_U1\n"
    "   latency=14 inclusion=inclusive\n"
    "LL size=32M assoc=16 line=64 policy=srrip latency=50 inclusion=exclusive\n"
    "memory latency=300\n";

static int parse(const char *text, cs_cpu_t *cpu, cs_cpu_error_t *err)
{
    return cs_cpu_parse(cpu, text, strlen(text), "my.cpu", err);
}

static void test_example(void)
{
    cs_cpu_t cpu, again;
    cs_cpu_error_t err;
    char msg[256], buf[2048];
    unsigned long n;

    CHECK(parse(example, &cpu, &err) == 0);
    CHECK(strcmp(cpu.name, "mine") == 0);
    CHECK(strcmp(cpu.title, "My test CPU") == 0);
    CHECK_EQ(cpu.writeback, 1);
    CHECK_EQ(cpu.seed, 7);
    CHECK_EQ(cpu.branch_penalty, 15);
    CHECK_EQ(cpu.cachegrind_quirks, 0);
    CHECK_EQ(cpu.cache[CS_CPU_I1].geom.size, 32768);
    CHECK_EQ(cpu.cache[CS_CPU_D1].geom.size, 49152);
    CHECK_EQ(cpu.cache[CS_CPU_D1].geom.assoc, 12);
    CHECK_EQ(cpu.cache[CS_CPU_D1].policy.kind, CS_POLICY_LRU3PLRU4);
    CHECK_EQ(cpu.cache[CS_CPU_D1].latency, 5);
    CHECK_EQ(cpu.cache[CS_CPU_L2].present, 1);
    CHECK_EQ(cpu.cache[CS_CPU_L2].geom.size, 1048576);
    CHECK_EQ(cpu.cache[CS_CPU_L2].policy.kind, CS_POLICY_QLRU);
    CHECK_EQ(cpu.cache[CS_CPU_L2].inclusion, CS_CPU_INCLUSIVE);
    CHECK_EQ(cpu.cache[CS_CPU_L2].latency, 14);
    CHECK_EQ(cpu.cache[CS_CPU_LL].geom.size, 32UL << 20);
    CHECK_EQ(cpu.cache[CS_CPU_LL].inclusion, CS_CPU_EXCLUSIVE);
    CHECK_EQ(cpu.memory_latency, 300);
    CHECK(cs_cpu_check(&cpu, msg, sizeof msg) == 0);

    /* printed, it parses back to the same description */
    n = cs_cpu_print(&cpu, buf, sizeof buf);
    CHECK_EQ(n, strlen(buf));
    CHECK(parse(buf, &again, &err) == 0);
    CHECK(cs_cpu_same_model(&cpu, &again));
    CHECK(strcmp(again.name, "mine") == 0 && strcmp(again.title, "My test CPU") == 0);
    CHECK(strstr(buf, "L2  size=1M assoc=16 line=64 policy=qlru:H00_M1_R0_U1 latency=14 "
                      "inclusion=inclusive\n") != 0);
    /* a short buffer: cut, terminated, full length reported */
    CHECK_EQ(cs_cpu_print(&cpu, buf, 10), n);
    CHECK_EQ(strlen(buf), 9);

    /* defaults: no L2, lru, non-inclusive, writeback yes, seed 1 */
    CHECK(parse("I1 size=1K assoc=2 line=64 latency=1\nD1 size=1K assoc=2 line=64 latency=1\n"
                "LL size=8K assoc=4 line=64 latency=9\nmemory latency=99", &cpu, &err) == 0);
    CHECK_EQ(cpu.cache[CS_CPU_L2].present, 0);
    CHECK_EQ(cpu.cache[CS_CPU_LL].policy.kind, CS_POLICY_LRU);
    CHECK_EQ(cpu.cache[CS_CPU_LL].inclusion, CS_CPU_NON_INCLUSIVE);
    CHECK_EQ(cpu.writeback, 1);
    CHECK_EQ(cpu.seed, 1);
    CHECK(cs_cpu_check(&cpu, msg, sizeof msg) == 0);
    n = cs_cpu_print(&cpu, buf, sizeof buf);
    CHECK(parse(buf, &again, &err) == 0 && cs_cpu_same_model(&cpu, &again));
    CHECK(strstr(buf, "L2") == 0);
    CHECK(strstr(buf, "size=1K") != 0 && strstr(buf, "size=8K") != 0);
    /* any change is a different model */
    again.cache[CS_CPU_LL].latency++;
    CHECK(!cs_cpu_same_model(&cpu, &again));
}

/* Each bad text gives this message, naming the file and the line. */
static void test_parse_errors(void)
{
    static const struct { const char *text; const char *message; } cases[] = {
        { "I2 size=1K\n",
          "my.cpu:1: unknown keyword 'I2' (a line starts with cpu, I1, D1, L2, LL or memory)" },
        { "# c\n\nsize=32K\n",
          "my.cpu:3: unknown keyword 'size' (a line starts with cpu, I1, D1, L2, LL or memory)" },
        { "D1 size=32K ways=8\n",
          "my.cpu:1: unknown field 'ways' for D1 (expected size, assoc, line, policy, latency or "
          "prefetcher)" },
        { "D1 inclusion=inclusive\n",
          "my.cpu:1: unknown field 'inclusion' for D1 (expected size, assoc, line, policy, "
          "latency or prefetcher)" },
        { "D1 size=32Q\n",
          "my.cpu:1: D1: size: expected a number of bytes, optionally with K, M or G (e.g. "
          "size=32K), not 32Q" },
        { "D1 size=99999999999G\n",
          "my.cpu:1: D1: size: expected a number of bytes, optionally with K, M or G (e.g. "
          "size=32K), not 99999999999G" },
        { "\n\nLL assoc=x\n", "my.cpu:3: LL: assoc: expected a number of ways, not x" },
        { "L2 line=-64\n", "my.cpu:1: L2: line: expected a line size in bytes, not -64" },
        { "L2 latency=fast\n", "my.cpu:1: L2: latency: expected a number of cycles, not fast" },
        { "D1 size=1K size=2K\n", "my.cpu:1: field 'size' given twice" },
        { "D1 size=1K\nI1 size=1K\nD1 assoc=2\n", "my.cpu:3: D1 given twice (first on line 1)" },
        { "D1 policy=lfu\n",
          "my.cpu:1: D1: policy: expected lru, fifo, random, tree-plru, bit-plru, lru3plru4, "
          "srrip, brrip or qlru:H<x><y>_M<m>_R<r>_U<u>[_UMO]" },
        { "LL policy=qlru:H11_M1_R7_U0\n",
          "my.cpu:1: LL: policy: bad QLRU variant: expected qlru:H<x><y>_M<m>_R<r>_U<u>[_UMO] "
          "with x, y, m and u from 0 to 3 and r from 0 to 2 (e.g. qlru:H11_M1_R0_U0)" },
        { "LL inclusion=victim\n",
          "my.cpu:1: LL: inclusion: expected inclusive, non-inclusive or exclusive, not victim" },
        { "cpu title=\"unterminated\n", "my.cpu:1: unterminated quoted value for title" },
        { "cpu title=a\"b\n", "my.cpu:1: cpu: title: no double quotes in a title, not a\"b" },
        { "cpu writeback=maybe\n", "my.cpu:1: cpu: writeback: expected yes or no" },
        { "cpu name=\"two words\"\n",
          "my.cpu:1: cpu: name: use letters, digits, '-', '_' and '.' only, not two words" },
        { "cpu seed\n", "my.cpu:1: expected key=value, found 'seed'" },
        { "  size=1K\n", "my.cpu:1: an indented line continues the line above, but there is none" },
        { "memory latency=100 size=1\n",
          "my.cpu:1: unknown field 'size' for memory (expected latency)" },
        { "D1 size=1K\0\n", "my.cpu:1: unexpected NUL byte (not a text file?)" },
        { "I1 size=1K assoc=2 line=64 latency=1\nLL size=8K assoc=4 line=64 latency=9\n"
          "memory latency=99\n", "my.cpu: no D1 line (I1, D1 and LL are required; L2 is optional)" },
        { "I1 size=1K assoc=2 line=64 latency=1\nD1 size=1K assoc=2 line=64\n"
          "LL size=8K assoc=4 line=64 latency=9\nmemory latency=99\n",
          "my.cpu:2: D1 has no latency (cycles for a hit, e.g. latency=4)" },
        { "I1 size=1K line=64 latency=1\nD1 size=1K assoc=2 line=64 latency=1\n"
          "LL size=8K assoc=4 line=64 latency=9\nmemory latency=99\n",
          "my.cpu:1: I1 has no assoc (e.g. assoc=8)" },
        { "I1 size=1K assoc=2 line=64 latency=1\nD1 size=1K assoc=2 line=64 latency=1\n"
          "LL size=8K assoc=4 line=64 latency=9\n",
          "my.cpu: no memory latency (a line 'memory latency=N', cycles for a load from memory)" },
    };
    unsigned k;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cs_cpu_t cpu;
        cs_cpu_error_t err;
        unsigned long len = strlen(cases[k].text);
        if (strstr(cases[k].message, "NUL") != 0)
            len += 2;           /* past the NUL, and its newline */
        CHECK(cs_cpu_parse(&cpu, cases[k].text, len, "my.cpu", &err) != 0);
        if (strcmp(err.message, cases[k].message) != 0) {
            fprintf(stderr, "case %u:\n  got      %s\n  expected %s\n", k, err.message,
                    cases[k].message);
            CHECK(0);
        }
    }
}

/* Descriptions that parse but cannot be simulated. */
static void test_check_errors(void)
{
    static const struct { const char *changes; const char *message; } cases[] = {
        { "D1 size=48K assoc=8 line=64 latency=4",
          "D1: Cache set count is not a power of two." },
        { "D1 size=32K assoc=8 line=48 latency=4", "D1: Cache set count is not a power of two." },
        { "I1 size=32K assoc=0 line=64 latency=4", "I1: Cache associativity is zero." },
        { "D1 size=48K assoc=12 line=64 policy=tree-plru latency=4",
          "D1: tree-plru needs a power-of-two associativity of at most 64" },
        { "D1 size=32K assoc=8 line=64 policy=lru3plru4 latency=4",
          "D1: lru3plru4 needs exactly 12 ways (three 4-way trees)" },
        { "L2 size=256K assoc=4 line=64 latency=12 inclusion=exclusive",
          "L2: inclusion=exclusive is supported for LL only (a victim cache of L2, or of I1 "
          "and D1 when there is no L2)" },
        { "LL size=256K assoc=8 line=128 latency=40",
          "LL: the line size differs from I1's; all caches need one line size unless "
          "cachegrind-quirks=yes (Cachegrind's model, without inclusion or write-back)" },
        { "LL size=256K assoc=8 line=64 latency=40 inclusion=inclusive",
          "LL is inclusive but not larger than L2" },
        { "L2 size=32K assoc=8 line=64 latency=12 inclusion=inclusive",
          "L2 is inclusive but not larger than I1" },
        { "L2 size=256K assoc=4 line=64 latency=4",
          "latencies must grow outwards: L2's (4) is not above D1's (4)" },
        { "LL size=8M assoc=16 line=64 latency=12",
          "latencies must grow outwards: LL's (12) is not above L2's (12)" },
        { "memory latency=40", "latencies must grow outwards: memory's (40) is not above LL's (40)" },
        { "I1 size=32K assoc=8 line=64 latency=0", "I1: the latency must be at least 1 cycle" },
        { "cpu cachegrind-quirks=yes",
          "cachegrind-quirks=yes needs writeback=no and non-inclusive caches (Cachegrind "
          "models neither)" },
    };
    static const char base[] =
        "I1 size=32K assoc=8 line=64 latency=4\n"
        "D1 size=32K assoc=8 line=64 latency=4\n"
        "L2 size=256K assoc=4 line=64 latency=12\n"
        "LL size=8M assoc=16 line=64 latency=40\n"
        "memory latency=200\n";
    unsigned k;
    cs_cpu_t cpu;
    cs_cpu_error_t err;
    char msg[256];

    CHECK(parse(base, &cpu, &err) == 0);
    CHECK(cs_cpu_check(&cpu, msg, sizeof msg) == 0);
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        /* the base with one line replaced (same keyword) */
        char text[1024] = "";
        const char *line = base;
        char key[8];
        sscanf(cases[k].changes, "%7s", key);
        while (*line) {
            const char *end = strchr(line, '\n');
            char word[8];
            sscanf(line, "%7s", word);
            if (strcmp(word, key) != 0)
                strncat(text, line, (size_t)(end - line + 1));
            line = end + 1;
        }
        strcat(text, cases[k].changes);
        strcat(text, "\n");
        if (parse(text, &cpu, &err) != 0) {
            fprintf(stderr, "case %u does not parse: %s\n", k, err.message);
            CHECK(0);
            continue;
        }
        msg[0] = '\0';
        CHECK(cs_cpu_check(&cpu, msg, sizeof msg) != 0);
        if (strcmp(msg, cases[k].message) != 0) {
            fprintf(stderr, "check case %u:\n  got      %s\n  expected %s\n", k, msg,
                    cases[k].message);
            CHECK(0);
        }
    }
    /* quirks with writeback=no and non-inclusive levels is Cachegrind's
     * shape: line sizes may then differ, as Cachegrind allows */
    CHECK(parse("cpu writeback=no cachegrind-quirks=yes\n"
                "I1 size=32K assoc=8 line=32 latency=1\nD1 size=32K assoc=8 line=64 latency=1\n"
                "LL size=8M assoc=16 line=128 latency=11\nmemory latency=111\n", &cpu, &err) == 0);
    CHECK(cs_cpu_check(&cpu, msg, sizeof msg) == 0);
    /* a cache made another way (hwloc's topology) beyond what the format
     * can write: it would print as a file that does not parse */
    CHECK(parse(base, &cpu, &err) == 0);
    cpu.cache[CS_CPU_L2].geom.size = 1UL << 41;
    cpu.cache[CS_CPU_L2].geom.assoc = 1UL << 21;
    CHECK(cs_cpu_check(&cpu, msg, sizeof msg) != 0);
    CHECK(strcmp(msg, "L2: larger than a description can be (size up to 1T, assoc and line "
                 "up to 1M)") == 0);
}

static void test_presets(void)
{
    unsigned count, k;
    const cs_cpu_preset_t *p = cs_cpu_presets(&count);
    char msg[256], buf[4096];

    CHECK(count >= 4);
    CHECK(strcmp(p[0].name, "cachegrind") == 0);
    for (k = 0; k < count; k++) {
        cs_cpu_t cpu, again;
        cs_cpu_error_t err;
        CHECK(cs_cpu_preset_find(p[k].name) == &p[k]);
        if (cs_cpu_preset_load(&p[k], &cpu, &err) != 0) {
            fprintf(stderr, "preset %s: %s\n", p[k].name, err.message);
            CHECK(0);
            continue;
        }
        CHECK(strcmp(cpu.name, p[k].name) == 0);
        CHECK(cpu.title[0] != '\0');
        if (cs_cpu_check(&cpu, msg, sizeof msg) != 0) {
            fprintf(stderr, "preset %s: %s\n", p[k].name, msg);
            CHECK(0);
        }
        /* every preset gives the source of its figures */
        CHECK(strstr(p[k].text, "http") != 0 || k == 0);
        cs_cpu_print(&cpu, buf, sizeof buf);
        CHECK(parse(buf, &again, &err) == 0);
        CHECK(cs_cpu_same_model(&cpu, &again));
    }
    CHECK(cs_cpu_preset_find("pentium4") == 0);
    CHECK(cs_cpu_preset_find("skylak") == 0);
    CHECK(cs_cpu_preset_find("skylake2") == 0);
    /* the cachegrind preset is cs_cpu_cachegrind with Cachegrind's amd64
     * defaults */
    {
        cs_geometry_t i1 = { 65536, 2, 64 }, d1 = { 65536, 2, 64 }, ll = { 262144, 8, 64 };
        cs_cpu_t a, b;
        cs_cpu_error_t err;
        cs_cpu_cachegrind(&a, &i1, &d1, &ll);
        CHECK(cs_cpu_preset_load(cs_cpu_preset_find("cachegrind"), &b, &err) == 0);
        CHECK(cs_cpu_same_model(&a, &b));
        CHECK(strcmp(a.title, b.title) == 0);
        CHECK(cs_cpu_check(&a, msg, sizeof msg) == 0);
    }
    /* at least three real CPUs, with an L2 */
    {
        static const char *const real[] = { "skylake", "icelake", "zen3" };
        for (k = 0; k < 3; k++) {
            cs_cpu_t cpu;
            cs_cpu_error_t err;
            CHECK(cs_cpu_preset_load(cs_cpu_preset_find(real[k]), &cpu, &err) == 0);
            CHECK(cpu.cache[CS_CPU_L2].present && cpu.writeback && !cpu.cachegrind_quirks);
        }
    }
}

static void test_cest(void)
{
    cs_cpu_t cpu;
    cs_cpu_error_t err;
    char buf[512];
    unsigned long n;

    CHECK(cs_cpu_preset_load(cs_cpu_preset_find("cachegrind"), &cpu, &err) == 0);
    n = cs_cpu_cest_event(&cpu, 1, buf, sizeof buf);
    CHECK(strcmp(buf, "event: CEst = Ir + 10 I1mr + 10 D1mr + 10 D1mw + 100 ILmr + 100 DLmr "
                      "+ 100 DLmw + 10 Bcm + 10 Bim : Cycle estimate") == 0);
    CHECK_EQ(n, strlen(buf));
    cs_cpu_cest_event(&cpu, 0, buf, sizeof buf);
    CHECK(strcmp(buf, "event: CEst = Ir + 10 I1mr + 10 D1mr + 10 D1mw + 100 ILmr + 100 DLmr "
                      "+ 100 DLmw : Cycle estimate") == 0);
    /* with an L2, and different L1 latencies: each miss weighted by what
     * the next level out costs more than the level that missed */
    CHECK(parse(example, &cpu, &err) == 0);
    cs_cpu_cest_event(&cpu, 1, buf, sizeof buf);
    CHECK(strcmp(buf, "event: CEst = Ir + 10 I1mr + 9 D1mr + 9 D1mw + 36 I2mr + 36 D2mr "
                      "+ 36 D2mw + 250 ILmr + 250 DLmr + 250 DLmw + 15 Bcm + 15 Bim "
                      ": Cycle estimate") == 0);
    /* a weight of 1 is written without its number, 0 leaves the term out */
    cpu.cache[CS_CPU_I1].latency = 13;
    cpu.cache[CS_CPU_D1].latency = 14;
    cpu.branch_penalty = 0;
    cs_cpu_cest_event(&cpu, 1, buf, sizeof buf);
    CHECK(strcmp(buf, "event: CEst = Ir + I1mr + 36 I2mr + 36 D2mr + 36 D2mw + 250 ILmr "
                      "+ 250 DLmr + 250 DLmw : Cycle estimate") == 0);
    CHECK_EQ(cs_cpu_cest_event(&cpu, 1, buf, 8), strlen("event: CEst = Ir + I1mr + 36 I2mr + "
             "36 D2mr + 36 D2mw + 250 ILmr + 250 DLmr + 250 DLmw : Cycle estimate"));
    CHECK(strcmp(buf, "event: ") == 0);
}

int main(void)
{
    test_example();
    test_parse_errors();
    test_check_errors();
    test_presets();
    test_cest();
    return unit_finish("test_cpu_desc");
}
