/* bench_hierarchy.c - nanoseconds per access of the hierarchy model for
 * each policy and preset, with and without the presets' prefetchers and
 * miss classification, next to the tool's Cachegrind cache
 * (vgtool/model/cache.h) on the same streams.  Not run by the suite:
 *   tests/unit/model/bench_hierarchy [accesses-in-millions [only-this [stream]]]
 * (only-this: run only the lines whose label contains it, e.g. "skylake",
 * or, as "=label", only the line of that label: for perf stat -e
 * instructions:u or valgrind --tool=cachegrind --cache-sim=no, whose
 * instruction counts are the same on a busy host; stream: only that one)
 * Three streams, generated before timing: "typical" (fetches walking
 * through code, data in a stack, a 2 MB heap and a few conflicting
 * arrays: mostly L1 hits), "scattered" (data all over 64 MB: mostly
 * misses) and "streaming" (four loads walking arrays of 16 MB with strides
 * of 8, 8, 64 and 256 bytes, and a stack: what prefetchers work on).
 * Data accesses carry the address of the last fetch as their instruction
 * address, for the ipstride prefetcher. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "model/hierarchy.h"
#include "model/classify.h"
#include "model/presets.h"
#include "model/cache.h"

typedef struct { unsigned char kind, size; unsigned long addr, ip; } access_t;

enum { TYPICAL, SCATTERED, STREAMING };
static const char *const stream_names[] = { "typical", "scattered", "streaming" };

static unsigned long long state = 0x2545F4914F6CDD1DULL;
static unsigned long long rnd(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static void make_stream(access_t *a, unsigned long n, int which)
{
    unsigned long i, pc = 0x400000, sp = 0x7ffff0000000UL, walk[4] = { 0, 0, 0, 0 };
    int scattered = which == SCATTERED;
    for (i = 0; i < n; i++) {
        a[i].ip = pc;
        if (which == STREAMING && rnd() % 100 >= 45) {
            static const unsigned long strides[4] = { 8, 8, 64, 256 };
            unsigned long r = rnd() % 5;
            a[i].kind = r == 1 ? CS_HIER_WRITE : CS_HIER_READ;
            a[i].size = 8;
            if (r == 4) {
                a[i].addr = sp - (rnd() % 256);
            } else {
                a[i].ip = 0x401000 + r * 16;
                a[i].addr = 0x10000000UL + r * (32UL << 20) + walk[r];
                walk[r] = (walk[r] + strides[r]) % (16UL << 20);
            }
            continue;
        }
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
    if (only != 0 && only[0] == '=')
        return strcmp(label, only + 1) == 0;
    return only == 0 || strstr(label, only) != 0;
}

static void *alloc_zeroed(void *ctx, unsigned long bytes)
{
    (void)ctx;
    return calloc(1, bytes);
}

static void release(void *ctx, void *mem)
{
    (void)ctx;
    free(mem);
}

/* One run over the stream: with a classifier if classify, through
 * cs_hier_access_ext when the hierarchy needs it (as the tool will). */
static unsigned long run_hier(const cs_cpu_t *cpu, void *mem, void *cl_mem, int classify,
                              const access_t *a, unsigned long n, double *seconds)
{
    cs_hier_t h;
    cs_classify_t cl;
    unsigned long i, acc = 0, misses = 0;
    double t0;
    memset(mem, 0, cs_hier_storage_bytes(cpu));
    cs_hier_init(&h, cpu, mem);
    if (classify) {
        memset(cl_mem, 0, cs_classify_storage_bytes(cpu));
        if (cs_classify_init(&cl, cpu, cl_mem, alloc_zeroed, release, 0) != 0)
            exit(1);
        cs_hier_attach_classify(&h, &cl);
    }
    t0 = now();
    if (cs_hier_needs_ext(&h)) {
        for (i = 0; i < n; i++) {
            cs_hier_outcome_t o = cs_hier_access_ext(&h, (cs_hier_kind_t)a[i].kind, a[i].addr,
                                                     a[i].size, a[i].ip);
            acc += o;
            misses += o & 1;
        }
    } else {
        for (i = 0; i < n; i++) {
            cs_hier_outcome_t o = cs_hier_access(&h, (cs_hier_kind_t)a[i].kind, a[i].addr,
                                                 a[i].size);
            acc += o;
            misses += o & 1;
        }
    }
    *seconds = now() - t0;
    sink = acc;
    if (classify)
        cs_classify_free(&cl);
    return misses;
}

static double time_hier(const cs_cpu_t *cpu, int classify, const access_t *a, unsigned long n,
                        double *l1_miss_rate)
{
    void *mem = malloc(cs_hier_storage_bytes(cpu));
    void *cl_mem = classify ? malloc(cs_classify_storage_bytes(cpu)) : 0;
    double best = 1e30, t;
    int rep;
    unsigned long misses = 0;
    for (rep = 0; rep < 3; rep++) {
        misses = run_hier(cpu, mem, cl_mem, classify, a, n, &t);
        if (t < best)
            best = t;
    }
    *l1_miss_rate = (double)misses / (double)n;
    free(mem);
    free(cl_mem);
    return best * 1e9 / (double)n;
}

static void row(const char *label, const cs_cpu_t *cpu, int classify, const access_t *a,
                unsigned long n)
{
    double rate, ns;
    if (!wanted(label))
        return;
    ns = time_hier(cpu, classify, a, n, &rate);
    printf("  %-44s %6.2f  (L1 misses %.3f)\n", label, ns, rate);
}

static void no_prefetchers(cs_cpu_t *cpu)
{
    unsigned i;
    for (i = 0; i < CS_CPU_NCACHES; i++)
        cpu->cache[i].prefetcher.kinds = 0;
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
    /* skylake with one prefetcher at a time: where, and which */
    static const struct { unsigned cache; const char *pf; } singles[] = {
        { CS_CPU_D1, "nextline" }, { CS_CPU_D1, "tagged" }, { CS_CPU_D1, "adjacent" },
        { CS_CPU_D1, "ipstride" }, { CS_CPU_D1, "stream" }, { CS_CPU_L2, "stream" },
        { CS_CPU_L2, "adjacent" },
    };
    cs_geometry_t i1 = { 32768, 8, 64 }, d1 = { 32768, 8, 64 }, ll = { 8388608, 16, 64 };
    int which;
    unsigned k;

    only = argc > 2 ? argv[2] : 0;
    for (which = TYPICAL; which <= STREAMING; which++) {
        cs_cpu_t cpu;
        if (argc > 3 && strcmp(argv[3], stream_names[which]) != 0)
            continue;
        make_stream(a, n, which);
        printf("%s stream, %lu M accesses (ns of CPU time per access, best of 3):\n",
               stream_names[which], n / 1000000);
        if (wanted("Cachegrind cache (vgtool/model/cache.h)"))
            printf("  %-44s %6.2f\n", "Cachegrind cache (vgtool/model/cache.h)",
                   time_cachegrind(&i1, &d1, &ll, a, n));
        cs_cpu_cachegrind(&cpu, &i1, &d1, &ll);
        row("hierarchy, cachegrind description", &cpu, 0, a, n);
        row("hierarchy, cachegrind description, classify", &cpu, 1, a, n);
        for (k = 0; k < sizeof policies / sizeof policies[0]; k++) {
            char label[80];
            policy_cpu(&cpu, policies[k], policies[k]);
            snprintf(label, sizeof label, "hierarchy, 3 levels, %s", policies[k]);
            row(label, &cpu, 0, a, n);
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
            } else {
                snprintf(label, sizeof label, "preset %s, with its prefetchers", presets[k]);
                row(label, &cpu, 0, a, n);
                snprintf(label, sizeof label, "preset %s, with its prefetchers, classify",
                         presets[k]);
                row(label, &cpu, 1, a, n);
                no_prefetchers(&cpu);
            }
            snprintf(label, sizeof label, "preset %s%s", presets[k], k ? ", no prefetcher" : "");
            row(label, &cpu, 0, a, n);
            snprintf(label, sizeof label, "preset %s%s, classify", presets[k],
                     k ? ", no prefetcher" : "");
            row(label, &cpu, 1, a, n);
        }
        for (k = 0; k < sizeof singles / sizeof singles[0]; k++) {
            char label[80], msg[256];
            cs_cpu_error_t err;
            cs_cpu_preset_load(cs_cpu_preset_find("skylake"), &cpu, &err);
            no_prefetchers(&cpu);
            if (cs_pf_parse(singles[k].pf, &cpu.cache[singles[k].cache].prefetcher, msg,
                            sizeof msg) != 0)
                return 1;
            snprintf(label, sizeof label, "preset skylake, only %s %s",
                     cs_cpu_cache_name(singles[k].cache), singles[k].pf);
            row(label, &cpu, 0, a, n);
        }
    }
    free(a);
    return 0;
}
