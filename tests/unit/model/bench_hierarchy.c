/* bench_hierarchy.c - nanoseconds per access of the hierarchy model for
 * each policy and preset, next to the tool's Cachegrind cache
 * (vgtool/model/cache.h) on the same streams.  Not run by the suite:
 *   tests/unit/model/bench_hierarchy [accesses-in-millions [only-this]]
 * (only-this: run only the lines whose label contains it, e.g. "skylake",
 * for perf stat -e instructions:u, which counts the same on a busy host)
 * Two streams, generated before timing: "typical" (fetches walking through
 * code, data in a stack, a 2 MB heap and a few conflicting arrays: mostly
 * L1 hits) and "scattered" (data all over 64 MB: mostly misses). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "model/hierarchy.h"
#include "model/presets.h"
#include "model/cache.h"

typedef struct { unsigned char kind, size; unsigned long addr; } access_t;

static unsigned long long state = 0x2545F4914F6CDD1DULL;
static unsigned long long rnd(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static void make_stream(access_t *a, unsigned long n, int scattered)
{
    unsigned long i, pc = 0x400000, sp = 0x7ffff0000000UL;
    for (i = 0; i < n; i++) {
        if (rnd() % 100 < 45) {
            if (rnd() % 24 == 0)
                pc = 0x400000 + rnd() % (scattered ? 4000000 : 300000);
            a[i].kind = CS_HIER_IFETCH;
            a[i].size = (unsigned char)(1 + rnd() % 8);
            a[i].addr = pc;
            pc += a[i].size;
        } else {
            unsigned long r = rnd() % 100;
            a[i].kind = rnd() % 3 == 0 ? CS_HIER_WRITE : CS_HIER_READ;
            a[i].size = 8;
            if (scattered)
                a[i].addr = 0x10000000UL + (rnd() % (64UL << 20));
            else if (r < 55)
                a[i].addr = sp - (rnd() % 512);
            else if (r < 95)
                a[i].addr = 0x10000000UL + (rnd() % 4096) * 8 + (rnd() % 16 == 0 ? rnd() % (2UL << 20) : 0);
            else
                a[i].addr = 0x20000000UL + (rnd() % 32) * 4096;
        }
    }
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);   /* CPU time: the host is shared */
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static volatile unsigned long sink;
static const char *only;

static int wanted(const char *label)
{
    return only == 0 || strstr(label, only) != 0;
}

static double time_hier(const cs_cpu_t *cpu, const access_t *a, unsigned long n,
                        double *l1_miss_rate)
{
    cs_hier_t h;
    void *mem = calloc(1, cs_hier_storage_bytes(cpu));
    double best = 1e30;
    int rep;
    unsigned long misses = 0;
    for (rep = 0; rep < 3; rep++) {
        unsigned long i, acc = 0;
        double t0;
        memset(mem, 0, cs_hier_storage_bytes(cpu));
        cs_hier_init(&h, cpu, mem);
        t0 = now();
        for (i = 0; i < n; i++)
            acc += cs_hier_access(&h, (cs_hier_kind_t)a[i].kind, a[i].addr, a[i].size);
        t0 = now() - t0;
        sink = acc;
        if (t0 < best)
            best = t0;
        if (rep == 0) {
            cs_hier_init(&h, cpu, memset(mem, 0, cs_hier_storage_bytes(cpu)));
            for (i = 0; i < n; i++)
                misses += cs_hier_access(&h, (cs_hier_kind_t)a[i].kind, a[i].addr, a[i].size) & 1;
        }
    }
    *l1_miss_rate = (double)misses / (double)n;
    free(mem);
    return best * 1e9 / (double)n;
}

/* The tool's Cachegrind path: I1/D1 then LL on a miss. */
static double time_cachegrind(const cs_geometry_t *i1, const cs_geometry_t *d1,
                              const cs_geometry_t *ll, const access_t *a, unsigned long n)
{
    double best = 1e30;
    int rep;
    for (rep = 0; rep < 3; rep++) {
        cs_cache_t I1, D1, LL;
        int narrow = cs_cache_can_be_narrow(ll);
        void *m1 = calloc(1, cs_cache_tag_bytes(i1, 0)), *m2 = calloc(1, cs_cache_tag_bytes(d1, 0));
        void *m3 = calloc(1, cs_cache_tag_bytes(ll, narrow));
        unsigned long i, acc = 0;
        double t0;
        cs_cache_init(&I1, i1, m1, 0);
        cs_cache_init(&D1, d1, m2, 0);
        cs_cache_init(&LL, ll, m3, narrow);
        t0 = now();
        for (i = 0; i < n; i++) {
            cs_cache_t *l1 = a[i].kind == CS_HIER_IFETCH ? &I1 : &D1;
            if (cs_cache_ref(l1, a[i].addr, a[i].size))
                acc += 1 + (unsigned long)cs_cache_ref(&LL, a[i].addr, a[i].size);
        }
        t0 = now() - t0;
        sink = acc;
        if (t0 < best)
            best = t0;
        free(m1);
        free(m2);
        free(m3);
    }
    return best * 1e9 / (double)n;
}

/* A three-level description of one policy everywhere (Skylake's sizes). */
static void policy_cpu(cs_cpu_t *cpu, const char *policy, const char *ll_policy)
{
    char text[1024];
    cs_cpu_error_t err;
    snprintf(text, sizeof text,
             "I1 size=32K assoc=8 line=64 policy=%s latency=4\n"
             "D1 size=32K assoc=8 line=64 policy=%s latency=4\n"
             "L2 size=256K assoc=4 line=64 policy=%s latency=12\n"
             "LL size=8M assoc=16 line=64 policy=%s latency=42 inclusion=inclusive\n"
             "memory latency=250\n", policy, policy, policy, ll_policy);
    if (cs_cpu_parse(cpu, text, strlen(text), "bench", &err) != 0) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    unsigned long n = (argc > 1 ? strtoul(argv[1], 0, 10) : 10) * 1000000UL;
    access_t *a = malloc(n * sizeof *a);
    static const char *const policies[] = { "lru", "fifo", "random", "tree-plru", "bit-plru",
                                            "srrip", "brrip", "qlru:H11_M1_R0_U0",
                                            "qlru:H11_M1_R1_U2" };
    static const char *const presets[] = { "cachegrind", "skylake", "icelake", "zen3" };
    cs_geometry_t i1 = { 32768, 8, 64 }, d1 = { 32768, 8, 64 }, ll = { 8388608, 16, 64 };
    int scattered;
    unsigned k;

    only = argc > 2 ? argv[2] : 0;
    for (scattered = 0; scattered < 2; scattered++) {
        double rate;
        cs_cpu_t cpu;
        make_stream(a, n, scattered);
        printf("%s stream, %lu M accesses (ns of CPU time per access, best of 3):\n",
               scattered ? "scattered" : "typical", n / 1000000);
        if (wanted("Cachegrind cache (vgtool/model/cache.h)"))
            printf("  %-40s %6.2f\n", "Cachegrind cache (vgtool/model/cache.h)",
                   time_cachegrind(&i1, &d1, &ll, a, n));
        cs_cpu_cachegrind(&cpu, &i1, &d1, &ll);
        if (wanted("hierarchy, cachegrind description")) {
            double ns = time_hier(&cpu, a, n, &rate);
            printf("  %-40s %6.2f  (L1 misses %.3f)\n", "hierarchy, cachegrind description", ns,
                   rate);
        }
        for (k = 0; k < sizeof policies / sizeof policies[0]; k++) {
            char label[80];
            policy_cpu(&cpu, policies[k], policies[k]);
            snprintf(label, sizeof label, "hierarchy, 3 levels, %s", policies[k]);
            if (!wanted(label))
                continue;
            double ns = time_hier(&cpu, a, n, &rate);
            printf("  %-40s %6.2f  (L1 misses %.3f)\n", label, ns, rate);
        }
        for (k = 0; k < sizeof presets / sizeof presets[0]; k++) {
            char label[80];
            cs_cpu_error_t err;
            if (cs_cpu_preset_load(cs_cpu_preset_find(presets[k]), &cpu, &err) != 0)
                return 1;
            if (k == 0) {
                cpu.cache[CS_CPU_I1].geom = i1;
                cpu.cache[CS_CPU_D1].geom = d1;
                cpu.cache[CS_CPU_LL].geom = ll;
            }
            snprintf(label, sizeof label, "preset %s", presets[k]);
            if (wanted(label)) {
                double ns = time_hier(&cpu, a, n, &rate);
                printf("  %-40s %6.2f  (L1 misses %.3f)\n", label, ns, rate);
            }
        }
    }
    free(a);
    return 0;
}
