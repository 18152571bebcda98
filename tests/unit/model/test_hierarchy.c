/* test_hierarchy.c - host tests of the memory hierarchy (vgtool/model/
 * hierarchy.h): Cachegrind's model as a description against the tool's
 * own Cachegrind cache (vgtool/model/cache.c) on a long random stream;
 * inclusion, exclusion and write-back on crafted streams; invariants and
 * the fast exit on random streams; the ring step of issue 26. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "model/hierarchy.h"
#include "model/cache.h"
#include "model/presets.h"

static unsigned long long rnd_state = 0x9E3779B97F4A7C15ULL;
static unsigned long long rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

typedef struct {
    cs_hier_t h;
    void *storage;
    unsigned long bytes;
    cs_cpu_t cpu;
} model_t;

static void build_cpu(model_t *m, const cs_cpu_t *cpu)
{
    char msg[256];
    if (cs_cpu_check(cpu, msg, sizeof msg) != 0) {
        fprintf(stderr, "bad test description: %s\n", msg);
        exit(2);
    }
    m->cpu = *cpu;
    m->bytes = cs_hier_storage_bytes(cpu);
    m->storage = calloc(1, m->bytes);
    cs_hier_init(&m->h, cpu, m->storage);
}

static void build(model_t *m, const char *text)
{
    cs_cpu_t cpu;
    cs_cpu_error_t err;
    if (cs_cpu_parse(&cpu, text, strlen(text), "test", &err) != 0) {
        fprintf(stderr, "bad test description: %s\n", err.message);
        exit(2);
    }
    build_cpu(m, &cpu);
}

static void destroy(model_t *m)
{
    free(m->storage);
}

/* ---------------------------------------------------------------------
 * Cachegrind's model: the description against vgtool/model/cache.c
 * --------------------------------------------------------------------- */

static cs_cache_t make_cache(const cs_geometry_t *g, int narrow)
{
    cs_cache_t c;
    cs_cache_init(&c, g, calloc(1, cs_cache_tag_bytes(g, narrow)), narrow);
    return c;
}

/* An access as the tool makes them: code fetches of 1-15 bytes walking
 * through functions, data of 1-32 bytes (at most the smallest line) in a
 * stack, a heap and strided arrays, now and then in the first lines of
 * memory (where Cachegrind's all-zero start tags pretend line 0 is in). */
typedef struct { int kind; unsigned long addr, size; } access_t;

static access_t random_access(unsigned long min_line, unsigned long *pc)
{
    access_t a;
    unsigned long r = rnd() % 100;
    if (r < 45) {
        if (rnd() % 16 == 0)
            *pc = 0x400000 + (rnd() % 200000);
        a.kind = CS_HIER_IFETCH;
        a.size = 1 + rnd() % 15;
        a.addr = *pc;
        *pc += a.size;
    } else {
        static const unsigned long sizes[] = { 1, 2, 4, 8, 8, 8, 16, 32 };
        unsigned long region = rnd() % 10;
        a.kind = rnd() % 3 == 0 ? CS_HIER_WRITE : CS_HIER_READ;
        do
            a.size = sizes[rnd() % 8];
        while (a.size > min_line);
        if (region < 4)
            a.addr = 0x7ffff000000UL + (rnd() % 8192);            /* stack */
        else if (region < 8)
            a.addr = 0x10000000UL + (rnd() % (1UL << 21));        /* heap */
        else if (region < 9)
            a.addr = 0x20000000UL + (rnd() % 64) * 4096 + rnd() % 64;   /* conflicts */
        else
            a.addr = rnd() % 160;                                  /* line 0 */
    }
    return a;
}

static void test_cachegrind_equivalence(const cs_geometry_t *i1, const cs_geometry_t *d1,
                                        const cs_geometry_t *ll, unsigned long steps)
{
    model_t m;
    cs_cpu_t cpu;
    cs_cache_t I1 = make_cache(i1, 0), D1 = make_cache(d1, 0);
    int narrow = cs_cache_can_be_narrow(ll);
    cs_cache_t LL = make_cache(ll, narrow);
    unsigned long min_line = i1->line_size, i, pc = 0x400000, mismatches = 0;
    unsigned long l1_misses = 0, ll_misses = 0;

    if (d1->line_size < min_line) min_line = d1->line_size;
    if (ll->line_size < min_line) min_line = ll->line_size;
    cs_cpu_cachegrind(&cpu, i1, d1, ll);
    build_cpu(&m, &cpu);
    for (i = 0; i < steps; i++) {
        access_t a = random_access(min_line, &pc);
        cs_cache_t *l1 = a.kind == CS_HIER_IFETCH ? &I1 : &D1;
        int miss1 = cs_cache_ref(l1, a.addr, a.size);
        int missll = miss1 ? cs_cache_ref(&LL, a.addr, a.size) : 0;
        cs_hier_outcome_t o = cs_hier_access(&m.h, a.kind, a.addr, a.size);
        int expect = (miss1 ? CS_HIER_MISS(CS_HIER_L1) : 0) | (missll ? CS_HIER_MISS(CS_HIER_LL) : 0);
        l1_misses += (unsigned long)miss1;
        ll_misses += (unsigned long)missll;
        if ((int)o != expect && mismatches++ < 5)
            fprintf(stderr, "step %lu: %s %#lx+%lu: outcome %#x, cachegrind %#x\n", i,
                    a.kind == CS_HIER_IFETCH ? "fetch" : "data", a.addr, a.size, (unsigned)o, expect);
    }
    CHECK_EQ(mismatches, 0);
    /* the stream exercised both levels */
    CHECK(l1_misses > steps / 50);
    CHECK(ll_misses > steps / 500);
    destroy(&m);
    free(I1.tags);
    free(D1.tags);
    free(narrow ? (void *)LL.tags32 : (void *)LL.tags);
}

/* ---------------------------------------------------------------------
 * Crafted streams
 * --------------------------------------------------------------------- */

/* A hierarchy with tiny caches: D1 256 B 2-way (2 sets), L2 2 KB 8-way
 * (4 sets), LL 4 KB 4-way (16 sets), 64-byte lines, lru.  Lines whose
 * numbers agree mod 16 share a set at every level. */
static void tiny(model_t *m, const char *l2_incl, const char *ll_incl, int writeback, int with_l2)
{
    char text[1024];
    snprintf(text, sizeof text,
             "cpu writeback=%s\n"
             "I1 size=256 assoc=2 line=64 latency=1\n"
             "D1 size=256 assoc=2 line=64 latency=1\n"
             "%s%s%s"
             "LL size=4096 assoc=4 line=64 latency=20 inclusion=%s\n"
             "memory latency=100\n",
             writeback ? "yes" : "no",
             with_l2 ? "L2 size=2048 assoc=8 line=64 latency=5 inclusion=" : "",
             with_l2 ? l2_incl : "", with_l2 ? "\n" : "", ll_incl);
    build(m, text);
}

#define LINE(n) (0x100000UL + (unsigned long)(n) * 64)
/* the k-th line of LL set 3 (and of D1 set 1, L2 set 3) */
#define SAME(k) LINE(3 + 16 * (k))

static cs_hier_outcome_t rd(model_t *m, unsigned long a)
{
    return cs_hier_access(&m->h, CS_HIER_READ, a, 8);
}

static cs_hier_outcome_t wr(model_t *m, unsigned long a)
{
    return cs_hier_access(&m->h, CS_HIER_WRITE, a, 8);
}

static const unsigned ALL_MISS = CS_HIER_MISS(CS_HIER_L1) | CS_HIER_MISS(CS_HIER_L2)
                               | CS_HIER_MISS(CS_HIER_LL);

static void test_inclusive(void)
{
    int inclusive;
    for (inclusive = 0; inclusive < 2; inclusive++) {
        model_t m;
        cs_hier_outcome_t o;
        tiny(&m, "non-inclusive", inclusive ? "inclusive" : "non-inclusive", 1, 1);
        /* A is used between B1..B4: it stays in D1 (2-way) and L2
         * (8-way) but only its first access reaches LL (4-way), where B4
         * evicts it. */
        CHECK_EQ(wr(&m, SAME(0)), ALL_MISS);
        CHECK_EQ(rd(&m, SAME(1)), ALL_MISS);
        CHECK_EQ(rd(&m, SAME(0)), 0);
        CHECK_EQ(rd(&m, SAME(2)), ALL_MISS);
        CHECK_EQ(rd(&m, SAME(0)), 0);
        CHECK_EQ(rd(&m, SAME(3)), ALL_MISS);
        CHECK_EQ(rd(&m, SAME(0)), 0);
        CHECK(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)) != 0);
        CHECK(cs_hier_probe(&m.h, CS_CPU_LL, SAME(0)) != 0);
        o = rd(&m, SAME(4));                  /* LL evicts A */
        CHECK_EQ(o & 0xff, ALL_MISS);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_LL, SAME(0)), 0);
        if (inclusive) {
            /* back-invalidated in D1 and L2; A was dirty in D1, so LL's
             * eviction is a writeback */
            CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_D1, SAME(0)), 0);
            CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)), 0);
            CHECK_EQ(CS_HIER_WRITEBACKS(o, CS_HIER_LL), 1);
            CHECK_EQ(rd(&m, SAME(0)), ALL_MISS);
        } else {
            CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_D1, SAME(0)), CS_LINE_VALID | CS_LINE_DIRTY);
            CHECK(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)) != 0);
            CHECK_EQ(CS_HIER_WRITEBACKS(o, CS_HIER_LL), 0);
            CHECK_EQ(rd(&m, SAME(0)), 0);
        }
        destroy(&m);
    }
    /* An inclusive L2 back-invalidates D1 and I1. */
    {
        model_t m;
        int k;
        tiny(&m, "inclusive", "non-inclusive", 1, 1);
        CHECK_EQ(cs_hier_access(&m.h, CS_HIER_IFETCH, SAME(0), 4), ALL_MISS);
        for (k = 1; k <= 7; k++) {             /* L2's 8 ways fill up */
            rd(&m, SAME(k));
            CHECK_EQ(cs_hier_access(&m.h, CS_HIER_IFETCH, SAME(0), 4), 0);
        }
        /* the fetch hits I1 each time, so L2 sees it as least recent and
         * evicts it for the ninth line: I1 loses it too */
        CHECK(cs_hier_probe(&m.h, CS_CPU_I1, SAME(0)) != 0);
        rd(&m, SAME(8));
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)), 0);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_I1, SAME(0)), 0);
        CHECK(cs_hier_access(&m.h, CS_HIER_IFETCH, SAME(0), 4) & CS_HIER_MISS(CS_HIER_L1));
        destroy(&m);
    }
}

static void test_exclusive(void)
{
    /* With L2: LL fills only with L2's victims; a hit moves the line to L2. */
    {
        model_t m;
        cs_hier_outcome_t o;
        int k;
        tiny(&m, "non-inclusive", "exclusive", 1, 1);
        CHECK_EQ(wr(&m, SAME(0)), ALL_MISS);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_LL, SAME(0)), 0);      /* not filled */
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)), CS_LINE_VALID);
        /* eight more lines of the set push A out of D1 (dirty: written to
         * L2) and then out of L2 (into LL, still dirty) */
        for (k = 1; k <= 8; k++) {
            o = rd(&m, SAME(k));
            CHECK_EQ(o & 0xff, ALL_MISS);
            CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_LL, SAME(k)), 0);
            if (k == 2)
                CHECK_EQ(CS_HIER_WRITEBACKS(o, CS_HIER_L1), 1);   /* D1wb */
        }
        CHECK_EQ(CS_HIER_WRITEBACKS(o, CS_HIER_L2), 1);           /* L2wb, into LL */
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)), 0);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_LL, SAME(0)), CS_LINE_VALID | CS_LINE_DIRTY);
        /* A again: misses D1 and L2, hits LL, and moves to L2 with its
         * dirty bit; LL no longer holds it */
        o = rd(&m, SAME(0));
        CHECK_EQ(o & 0xff, CS_HIER_MISS(CS_HIER_L1) | CS_HIER_MISS(CS_HIER_L2));
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_LL, SAME(0)), 0);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)), CS_LINE_VALID | CS_LINE_DIRTY);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_D1, SAME(0)), CS_LINE_VALID);
        /* L2 made room for A: its victim (B1, the least recent) is in LL */
        CHECK(cs_hier_probe(&m.h, CS_CPU_LL, SAME(1)) != 0);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(1)), 0);
        destroy(&m);
    }
    /* Without L2: LL is the victim cache of I1 and D1. */
    {
        model_t m;
        tiny(&m, "", "exclusive", 1, 0);
        CHECK_EQ(cs_hier_access(&m.h, CS_HIER_IFETCH, SAME(0), 4),
                 CS_HIER_MISS(CS_HIER_L1) | CS_HIER_MISS(CS_HIER_LL));
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_LL, SAME(0)), 0);
        cs_hier_access(&m.h, CS_HIER_IFETCH, SAME(1), 4);
        cs_hier_access(&m.h, CS_HIER_IFETCH, SAME(2), 4);     /* I1 evicts A, clean */
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_LL, SAME(0)), CS_LINE_VALID);
        CHECK_EQ(cs_hier_access(&m.h, CS_HIER_IFETCH, SAME(0), 4), CS_HIER_MISS(CS_HIER_L1));
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_LL, SAME(0)), 0);
        CHECK(cs_hier_probe(&m.h, CS_CPU_I1, SAME(0)) != 0);
        destroy(&m);
    }
}

static void test_writebacks(void)
{
    /* D1 alone: a written line leaving D1 is one D1wb; a read one is not. */
    {
        model_t m;
        cs_hier_outcome_t o;
        tiny(&m, "non-inclusive", "non-inclusive", 1, 1);
        wr(&m, SAME(0));
        rd(&m, SAME(1));
        o = rd(&m, SAME(2));                  /* evicts A (dirty) from D1 */
        CHECK_EQ(o, ALL_MISS | (1u << CS_HIER_WB_SHIFT(CS_HIER_L1)));
        /* L2 still has A and now holds it dirty (a writeback is not a
         * demand access: no miss counted for it) */
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)), CS_LINE_VALID | CS_LINE_DIRTY);
        o = rd(&m, SAME(3));                  /* evicts B1 (clean) */
        CHECK_EQ(o, ALL_MISS);
        /* a modify dirties like a write, a fetch or read does not */
        CHECK_EQ(cs_hier_access(&m.h, CS_HIER_MODIFY, SAME(3), 4), 0);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_D1, SAME(3)), CS_LINE_VALID | CS_LINE_DIRTY);
        destroy(&m);
    }
    /* A non-inclusive L2 allocates a dirty line written back into it when
     * it no longer holds it; its own eviction of it later is an L2wb, and
     * LL's an LLwb. */
    {
        model_t m;
        cs_hier_outcome_t o, total = 0;
        unsigned wb_l1 = 0, wb_l2 = 0, wb_ll = 0;
        int k;
        tiny(&m, "non-inclusive", "non-inclusive", 1, 1);
        /* A written, kept in D1 by re-use while 8 lines go through L2 */
        wr(&m, SAME(0));
        for (k = 1; k <= 8; k++) {
            rd(&m, SAME(k));
            wr(&m, SAME(0));
        }
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)), 0);       /* gone from L2 */
        CHECK(cs_hier_probe(&m.h, CS_CPU_D1, SAME(0)) & CS_LINE_DIRTY);
        /* now push A out of D1: written back into L2, allocated dirty */
        rd(&m, SAME(9));
        o = rd(&m, SAME(10));
        CHECK_EQ(CS_HIER_WRITEBACKS(o, CS_HIER_L1), 1);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)), CS_LINE_VALID | CS_LINE_DIRTY);
        /* 8 more lines: L2 evicts A (L2wb) into LL, where it is marked
         * dirty; then enough for LL to evict it (LLwb) */
        for (k = 11; k <= 30; k++) {
            o = rd(&m, SAME(k));
            wb_l1 += CS_HIER_WRITEBACKS(o, CS_HIER_L1);
            wb_l2 += CS_HIER_WRITEBACKS(o, CS_HIER_L2);
            wb_ll += CS_HIER_WRITEBACKS(o, CS_HIER_LL);
            total |= o;
        }
        CHECK_EQ(wb_l1, 0);
        CHECK_EQ(wb_l2, 1);
        CHECK_EQ(wb_ll, 1);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_LL, SAME(0)), 0);
        destroy(&m);
    }
    /* writeback=no: nothing is ever dirty, no writebacks. */
    {
        model_t m;
        int k;
        unsigned wb = 0;
        tiny(&m, "non-inclusive", "inclusive", 0, 1);
        for (k = 0; k < 40; k++)
            wb += wr(&m, SAME(k % 13)) >> 8;
        CHECK_EQ(wb, 0);
        CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_D1, SAME(12)), CS_LINE_VALID);
        destroy(&m);
    }
    /* Writebacks counted against an independent count: on a stream of
     * writes to one D1 set, every D1 eviction of a written line is a
     * D1wb, every L2 eviction of a line written back to it an L2wb. */
    {
        model_t m;
        unsigned long k, wb = 0, expect = 0;
        char dirty[64] = { 0 };
        unsigned long d1[2] = { ~0UL, ~0UL };     /* D1 set 1's lines, LRU first */
        tiny(&m, "non-inclusive", "non-inclusive", 1, 1);
        for (k = 0; k < 5000; k++) {
            unsigned long n = rnd() % 40;
            int write = rnd() % 2;
            cs_hier_outcome_t o = write ? wr(&m, SAME(n)) : rd(&m, SAME(n));
            wb += CS_HIER_WRITEBACKS(o, CS_HIER_L1);
            /* a 2-way LRU set by hand */
            if (d1[1] == n) {
            } else if (d1[0] == n) {
                d1[0] = d1[1];
                d1[1] = n;
            } else {
                if (d1[0] != ~0UL && dirty[d1[0]]) {
                    expect++;
                    dirty[d1[0]] = 0;
                }
                d1[0] = d1[1];
                d1[1] = n;
            }
            if (write)
                dirty[n] = 1;
        }
        CHECK_EQ(wb, expect);
        CHECK(expect > 500);
        destroy(&m);
    }
}

/* ---------------------------------------------------------------------
 * Random streams: invariants, and the fast exit against the full path
 * --------------------------------------------------------------------- */

static int holds(const cs_policy_cache_t *c, cs_line_t entry)
{
    cs_line_t key = (entry & ~(CS_LINE_FLAGS | CS_LINE_IN_I1 | CS_LINE_IN_D1)) | CS_LINE_VALID;
    return cs_policy_find(c, (key >> c->line_bits) & c->set_mask, key) >= 0;
}

/* Count lines of `inner` not in `outer` (inclusive) or in it (exclusive). */
static unsigned long violations(const cs_policy_cache_t *inner, const cs_policy_cache_t *outer,
                                int exclusive)
{
    unsigned long set, w, bad = 0;
    for (set = 0; set <= inner->set_mask; set++) {
        const cs_line_t *l = cs_policy_set_lines(inner, set);
        for (w = 0; w < inner->assoc; w++)
            if (l[w] != 0 && holds(outer, l[w]) == exclusive)
                bad++;
    }
    return bad;
}

static void test_random_streams(void)
{
    static const char *const policies[] = {
        "lru", "fifo", "random", "tree-plru", "bit-plru", "srrip", "brrip",
        "qlru:H11_M1_R0_U0", "qlru:H00_M1_R2_U1", "qlru:H11_M1_R1_U2", "qlru:H21_M2_R0_U0_UMO",
    };
    static const char *const shapes[][2] = {
        { "non-inclusive", "non-inclusive" }, { "non-inclusive", "inclusive" },
        { "inclusive", "inclusive" }, { "inclusive", "exclusive" },
        { "non-inclusive", "exclusive" }, { "", "exclusive" }, { "", "inclusive" },
    };
    /* each shape without prefetchers, then with prefetchers on D1 and L2
     * (their fills must keep inclusion too: evict() relies on it) */
    static const char *const prefetchers[][2] = { { "none", "none" },
                                                  { "tagged+stream", "adjacent+stream" } };
    const unsigned nshapes = sizeof shapes / sizeof shapes[0];
    unsigned p, s, pf;
    unsigned long incl_bad = 0, excl_bad = 0, fast_bad = 0, state_bad = 0, fast_hits = 0;

    for (p = 0; p < sizeof policies / sizeof policies[0]; p++)
        for (pf = 0; pf < 2; pf++)
        for (s = 0; s < nshapes; s++) {
            char text[1024];
            model_t fast, slow;
            unsigned long i;
            int with_l2 = shapes[s][0][0] != '\0';
            snprintf(text, sizeof text,
                     "I1 size=1K assoc=4 line=64 latency=1 policy=%s\n"
                     "D1 size=2K assoc=4 line=64 latency=1 policy=%s prefetcher=%s\n"
                     "%s%s%s%s%s%s%s"
                     "LL size=16K assoc=8 line=64 latency=20 policy=%s inclusion=%s\n"
                     "memory latency=100\n",
                     policies[p], policies[p], prefetchers[pf][0],
                     with_l2 ? "L2 size=8K assoc=8 line=64 latency=5 policy=" : "",
                     with_l2 ? policies[p] : "", with_l2 ? " inclusion=" : "",
                     with_l2 ? shapes[s][0] : "", with_l2 ? " prefetcher=" : "",
                     with_l2 ? prefetchers[pf][1] : "", with_l2 ? "\n" : "",
                     policies[p], shapes[s][1]);
            build(&fast, text);
            build(&slow, text);
            for (i = 0; i < 60000; i++) {
                /* code and data in separate regions; data skewed to
                 * a hot set of lines plus a wider one */
                int kind = rnd() % 4 == 0 ? CS_HIER_IFETCH
                         : rnd() % 3 == 0 ? CS_HIER_WRITE : CS_HIER_READ;
                unsigned long span = rnd() % 3 == 0 ? 64 * 1024 : 3 * 1024;
                unsigned long addr = (kind == CS_HIER_IFETCH ? 0x400000UL : 0x10000000UL)
                                   + rnd() % span;
                unsigned long size = 1 + rnd() % 8;
                cs_line_t *slot;
                cs_policy_cache_t *l1 = &fast.h.cache[kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1];
                unsigned long block = addr >> 6;
                cs_hier_outcome_t a, b;
                slot = cs_policy_fast_slot(l1, block & l1->set_mask);
                if (slot != 0 && (addr + size - 1) >> 6 == block
                    && (*slot ^ cs_line_key(block, 6)) < 2)
                    fast_hits++;
                a = cs_hier_access(&fast.h, kind, addr, size);
                b = cs_hier_access_slow(&slow.h, kind, addr, size);
                if (a != b)
                    fast_bad++;
                if (i % 997 == 0) {
                    const cs_policy_cache_t *c = fast.h.cache;
                    if (memcmp(fast.storage, slow.storage, fast.bytes) != 0)
                        state_bad++;
                    if (shapes[s][1][0] == 'i') {
                        incl_bad += violations(&c[CS_CPU_I1], &c[CS_CPU_LL], 0);
                        incl_bad += violations(&c[CS_CPU_D1], &c[CS_CPU_LL], 0);
                        if (with_l2)
                            incl_bad += violations(&c[CS_CPU_L2], &c[CS_CPU_LL], 0);
                    }
                    if (with_l2 && shapes[s][0][0] == 'i') {
                        incl_bad += violations(&c[CS_CPU_I1], &c[CS_CPU_L2], 0);
                        incl_bad += violations(&c[CS_CPU_D1], &c[CS_CPU_L2], 0);
                    }
                    if (shapes[s][1][0] == 'e') {
                        if (with_l2) {
                            excl_bad += violations(&c[CS_CPU_L2], &c[CS_CPU_LL], 1);
                        } else {
                            excl_bad += violations(&c[CS_CPU_I1], &c[CS_CPU_LL], 1);
                            excl_bad += violations(&c[CS_CPU_D1], &c[CS_CPU_LL], 1);
                        }
                    }
                }
            }
            if (memcmp(fast.storage, slow.storage, fast.bytes) != 0)
                state_bad++;
            destroy(&fast);
            destroy(&slow);
        }
    CHECK_EQ(fast_bad, 0);
    CHECK_EQ(state_bad, 0);
    CHECK_EQ(incl_bad, 0);
    CHECK_EQ(excl_bad, 0);
    CHECK(fast_hits > 100000);     /* the fast exit was taken */
}

/* ---------------------------------------------------------------------
 * The ring step (issue 26): misses per load against the ring's size
 * --------------------------------------------------------------------- */

static void ring(const char *ll_inclusion, unsigned long bytes, double *l2_per_load,
                 double *ll_per_load)
{
    char text[1024];
    model_t m;
    unsigned long n = bytes / 64, k, pass, loads = 0, l2 = 0, ll = 0;
    const unsigned long base = 0x40000000UL;

    snprintf(text, sizeof text,
             "I1 size=32K assoc=8 line=64 latency=4 policy=lru\n"
             "D1 size=4096 assoc=2 line=64 latency=4 policy=lru\n"
             "L2 size=32768 assoc=4 line=64 latency=12 policy=lru inclusion=non-inclusive\n"
             "LL size=262144 assoc=8 line=64 latency=40 policy=lru inclusion=%s\n"
             "memory latency=200\n", ll_inclusion);
    build(&m, text);
    /* element i points to element i-1 (and 0 to n-1): following the
     * pointers from n-1 visits the lines in descending order */
    for (pass = 0; pass < 5; pass++) {
        for (k = 0; k < n; k++) {
            cs_hier_outcome_t o = rd(&m, base + (n - 1 - k) * 64);
            if (pass == 0)
                continue;               /* warm-up; counters zeroed after */
            loads++;
            l2 += (o & CS_HIER_MISS(CS_HIER_L2)) != 0;
            ll += (o & CS_HIER_MISS(CS_HIER_LL)) != 0;
        }
    }
    *l2_per_load = (double)l2 / (double)loads;
    *ll_per_load = (double)ll / (double)loads;
    destroy(&m);
}

static void test_ring_step(void)
{
    static const unsigned long sizes_kb[] = { 16, 24, 32, 40, 64, 128, 192, 256, 288, 320, 512 };
    static const char *const incl[] = { "inclusive", "non-inclusive", "exclusive" };
    double l2[3][11], ll[3][11];
    unsigned i, s;

    for (i = 0; i < 3; i++)
        for (s = 0; s < 11; s++)
            ring(incl[i], sizes_kb[s] * 1024, &l2[i][s], &ll[i][s]);
    printf("ring step: misses per load (D1 4K 2-way, L2 32K 4-way, LL 256K 8-way, lru)\n");
    printf("  ring   | L2: incl  non-incl  excl | LL: incl  non-incl  excl\n");
    for (s = 0; s < 11; s++)
        printf("  %4lu KB |   %6.4f  %6.4f  %6.4f |     %6.4f  %6.4f  %6.4f\n", sizes_kb[s],
               l2[0][s], l2[1][s], l2[2][s], ll[0][s], ll[1][s], ll[2][s]);
    for (i = 0; i < 3; i++) {
        CHECK(l2[i][1] < 0.001);               /* 24 KB */
        CHECK(l2[i][3] == 1.0);                /* 40 KB */
        CHECK(ll[i][6] < 0.001);               /* 192 KB */
    }
    CHECK(ll[0][8] == 1.0);                    /* 288 KB, inclusive */
    CHECK(ll[1][8] == 1.0);                    /* 288 KB, non-inclusive */
    CHECK(ll[2][8] < 0.01);                    /* 288 KB, exclusive: 512 + 4096 lines */
}

/* ---------------------------------------------------------------------
 * Prefetch plumbing (for issue 27), flush
 * --------------------------------------------------------------------- */

static void test_prefetch_and_flush(void)
{
    model_t m;
    cs_hier_outcome_t o;
    tiny(&m, "non-inclusive", "non-inclusive", 1, 1);
    o = cs_hier_prefetch(&m.h, CS_CPU_D1, SAME(0));
    CHECK_EQ(o, 0);                                  /* no misses counted */
    CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_D1, SAME(0)), CS_LINE_VALID | CS_LINE_PREFETCHED);
    CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(0)), CS_LINE_VALID);   /* demand-like fill */
    o = rd(&m, SAME(0));                             /* the first use: useful */
    CHECK_EQ(o, CS_HIER_USEFUL_PF(CS_HIER_L1));
    CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_D1, SAME(0)), CS_LINE_VALID);
    CHECK_EQ(rd(&m, SAME(0)), 0);                    /* only once */
    CHECK_EQ(cs_hier_prefetch(&m.h, CS_CPU_D1, SAME(0)), 0);   /* already there */
    CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_D1, SAME(0)), CS_LINE_VALID);
    /* an L2 prefetch marks the L2 copy only */
    cs_hier_prefetch(&m.h, CS_CPU_L2, SAME(5));
    CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_D1, SAME(5)), 0);
    CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(5)), CS_LINE_VALID | CS_LINE_PREFETCHED);
    CHECK_EQ(rd(&m, SAME(5)), CS_HIER_MISS(CS_HIER_L1) | CS_HIER_USEFUL_PF(CS_HIER_L2));
    /* flush forgets everything */
    cs_hier_flush(&m.h);
    CHECK_EQ(cs_hier_probe(&m.h, CS_CPU_L2, SAME(5)), 0);
    CHECK_EQ(rd(&m, SAME(5)), ALL_MISS);
    destroy(&m);
}

/* The presets build and run; a level is only looked up after the levels
 * inside it missed. */
static void test_presets_run(void)
{
    static const char *const names[] = { "skylake", "icelake", "zen3", "cachegrind" };
    unsigned i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        model_t m;
        cs_cpu_t cpu;
        cs_cpu_error_t err;
        unsigned long k, pc = 0x400000, bad = 0, misses[3] = { 0, 0, 0 };
        CHECK(cs_cpu_preset_load(cs_cpu_preset_find(names[i]), &cpu, &err) == 0);
        build_cpu(&m, &cpu);
        for (k = 0; k < 300000; k++) {
            access_t a = random_access(64, &pc);
            cs_hier_outcome_t o = cs_hier_access(&m.h, a.kind, a.addr, a.size);
            if ((o & CS_HIER_MISS(CS_HIER_LL)) && !(o & CS_HIER_MISS(CS_HIER_L1)))
                bad++;
            if ((o & CS_HIER_MISS(CS_HIER_L2)) && !(o & CS_HIER_MISS(CS_HIER_L1)))
                bad++;
            if (cpu.cache[CS_CPU_L2].present && (o & CS_HIER_MISS(CS_HIER_LL))
                && !(o & CS_HIER_MISS(CS_HIER_L2)))
                bad++;
            misses[0] += (o & CS_HIER_MISS(CS_HIER_L1)) != 0;
            misses[1] += (o & CS_HIER_MISS(CS_HIER_L2)) != 0;
            misses[2] += (o & CS_HIER_MISS(CS_HIER_LL)) != 0;
        }
        CHECK_EQ(bad, 0);
        CHECK(misses[0] > 1000 && misses[2] > 100);
        destroy(&m);
    }
}

int main(void)
{
    static const cs_geometry_t geoms[][3] = {
        { { 32768, 8, 64 }, { 32768, 8, 64 }, { 1048576, 16, 64 } },
        { { 4096, 2, 64 }, { 8192, 4, 64 }, { 65536, 8, 64 } },
        { { 2048, 1, 32 }, { 4096, 2, 64 }, { 32768, 4, 128 } },
        { { 16384, 4, 64 }, { 16384, 4, 64 }, { 196608, 12, 64 } },
        { { 65536, 2, 64 }, { 65536, 2, 64 }, { 262144, 8, 64 } },
    };
    unsigned g;

    for (g = 0; g < sizeof geoms / sizeof geoms[0]; g++)
        test_cachegrind_equivalence(&geoms[g][0], &geoms[g][1], &geoms[g][2],
                                    g == 0 ? 2000000 : 500000);
    test_inclusive();
    test_exclusive();
    test_writebacks();
    test_random_streams();
    test_prefetch_and_flush();
    test_presets_run();
    test_ring_step();
    return unit_finish("test_hierarchy");
}
