/* test_classify.c - host tests of miss classification (vgtool/model/
 * classify.h) through the hierarchy: issue 27's exact counts (one pass,
 * a cycle through a fully associative cache, two lines in a
 * direct-mapped cache) under each policy with an exact twin and under
 * Cachegrind's model; the three classes adding up to the misses at every
 * level, and the outcomes otherwise unchanged, on random streams with
 * every preset and policy; the fast exit; growth and failure of the set
 * of touched lines; flush; back-invalidation; prefetched lines. */
#include "unit.h"
#include "hier_fixture.h"
#include "model/presets.h"

typedef struct {
    unsigned long miss[3], cls[3][4];
} tally_t;

static void tally(tally_t *t, cs_hier_outcome_t o)
{
    unsigned level;
    for (level = CS_HIER_L1; level <= CS_HIER_LL; level++) {
        t->miss[level] += (o & CS_HIER_MISS(level)) != 0;
        t->cls[level][CS_HIER_CLASS(o, level)]++;
    }
}

static void zero(tally_t *t)
{
    memset(t, 0, sizeof *t);
}

#define CMP CS_CLASSIFY_COMPULSORY
#define CAP CS_CLASSIFY_CAPACITY
#define CNF CS_CLASSIFY_CONFLICT

/* D1 of the given geometry and policy, a big L2 and LL around it. */
static void build_d1(fixture_t *f, unsigned long size, unsigned long assoc, const char *policy)
{
    char text[1024];
    snprintf(text, sizeof text,
             "I1 size=32K assoc=8 line=64 latency=4\n"
             "D1 size=%lu assoc=%lu line=64 latency=4 policy=%s\n"
             "L2 size=1M assoc=16 line=64 latency=12\n"
             "LL size=16M assoc=16 line=64 latency=40\n"
             "memory latency=200\n", size, assoc, policy);
    fixture_build(f, text, 1);
}

static cs_hier_outcome_t rd(fixture_t *f, unsigned long addr)
{
    return cs_hier_access_ext(&f->h, CS_HIER_READ, addr, 8, 0x400000);
}

#define BASE 0x10000000UL

static void test_one_pass(void)
{
    const unsigned long n = 10000;
    fixture_t f;
    tally_t t;
    unsigned long k;
    build_d1(&f, 32768, 8, "lru");
    zero(&t);
    for (k = 0; k < n; k++)
        tally(&t, rd(&f, BASE + k * 64 + 8));
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], n);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP], 0);
    CHECK_EQ(t.cls[CS_HIER_L1][CNF], 0);
    CHECK_EQ(t.cls[CS_HIER_L2][CMP], n);
    CHECK_EQ(t.cls[CS_HIER_LL][CMP], n);
    CHECK_EQ(t.miss[CS_HIER_LL], n);
    fixture_destroy(&f);
}

/* A fully associative D1 of c lines fed a cycle of c+1 lines r times:
 * every access misses; c+1 compulsory, the rest capacity. */
static void test_cycle(const char *policy)
{
    const unsigned long c = 64, r = 50;
    fixture_t f;
    tally_t t;
    unsigned long pass, k;
    build_d1(&f, c * 64, c, policy);
    zero(&t);
    for (pass = 0; pass < r; pass++)
        for (k = 0; k <= c; k++)
            tally(&t, rd(&f, BASE + k * 64));
    printf("cycle of %lu lines through a fully associative %s D1 of %lu, %lu times: "
           "%lu misses: %lu compulsory, %lu capacity, %lu conflict\n", c + 1, policy, c, r,
           t.miss[CS_HIER_L1], t.cls[0][CMP], t.cls[0][CAP], t.cls[0][CNF]);
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], c + 1);
    CHECK_EQ(t.cls[CS_HIER_L1][CNF], 0);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP], t.miss[CS_HIER_L1] - (c + 1));
    if (strcmp(policy, "random") != 0)
        CHECK_EQ(t.cls[CS_HIER_L1][CAP], (r - 1) * (c + 1));
    else        /* random keeps some of the cycle: fewer misses, all capacity */
        CHECK(t.cls[CS_HIER_L1][CAP] > 0);
    CHECK_EQ(t.cls[CS_HIER_LL][CMP], c + 1);
    CHECK_EQ(t.miss[CS_HIER_LL], c + 1);
    fixture_destroy(&f);
}

/* A fully associative D1 is its own twin: on a random stream with reuse,
 * no miss is a conflict miss, under each policy with an exact twin. */
static void test_fully_associative_twin(const char *policy)
{
    fixture_t f;
    tally_t t;
    unsigned long k;
    unsigned long long r = 12345;
    build_d1(&f, 64 * 64, 64, policy);
    zero(&t);
    for (k = 0; k < 200000; k++) {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        /* 96 lines, the first 32 of them three times as often */
        tally(&t, rd(&f, BASE + (r % 4 == 0 ? 32 + (r >> 8) % 64 : (r >> 8) % 32) * 64));
    }
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 96);
    CHECK_EQ(t.cls[CS_HIER_L1][CNF], 0);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP], t.miss[CS_HIER_L1] - 96);
    CHECK(t.miss[CS_HIER_L1] > 1000);
    fixture_destroy(&f);
}

/* A fully associative lru D1 of `size` bytes and `assoc` ways on a
 * stream over `hot` lines and, a quarter of the time, `cold` others, that
 * goes back to the line before the last one once in `back` accesses:
 * every line's first miss compulsory, the others capacity misses. */
static void check_going_back(unsigned long size, unsigned long assoc, unsigned back,
                             unsigned long hot, unsigned long cold, unsigned long steps)
{
    fixture_t f;
    tally_t t;
    unsigned long k, last = 0, before = 0, line;
    unsigned long long r = 777;
    build_d1(&f, size, assoc, "lru");
    zero(&t);
    for (k = 0; k < steps; k++) {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        line = r % back == 0 && k > 1 ? before
             : cold != 0 && r % 4 == 0 ? hot + (r >> 8) % cold : (r >> 8) % hot;
        tally(&t, rd(&f, BASE + line * 64));
        if (line != last) {
            before = last;
            last = line;
        }
    }
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], hot + cold);
    CHECK_EQ(t.cls[CS_HIER_L1][CNF], 0);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP], t.miss[CS_HIER_L1] - (hot + cold));
    CHECK(t.miss[CS_HIER_L1] > steps / 20);
    fixture_destroy(&f);
}

/* The twin must move the line before the last one to the front, which the
 * other tests hardly ask of it: in 64 lines, and in 2, where that line is
 * also the least recent. */
static void test_twin_second_line(void)
{
    check_going_back(64 * 64, 64, 3, 32, 64, 200000);
    check_going_back(128, 2, 2, 3, 0, 3000);
}

/* A direct-mapped D1: two lines one cache size apart, r times each. */
static void test_two_lines(void)
{
    const unsigned long r = 1000;
    fixture_t f;
    tally_t t;
    unsigned long k;
    build_d1(&f, 4096, 1, "lru");
    zero(&t);
    for (k = 0; k < r; k++) {
        tally(&t, rd(&f, BASE));
        tally(&t, rd(&f, BASE + 4096));
    }
    CHECK_EQ(t.miss[CS_HIER_L1], 2 * r);
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 2);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP], 0);
    CHECK_EQ(t.cls[CS_HIER_L1][CNF], 2 * r - 2);
    CHECK_EQ(t.miss[CS_HIER_L2], 2);
    CHECK_EQ(t.cls[CS_HIER_L2][CMP], 2);
    fixture_destroy(&f);
}

/* The twin's recency moves on a real miss that hits it, and an access
 * across two lines takes its first line's class: a direct-mapped D1 of 4
 * lines (A and B share set 0; C, D, E sets 1 to 3). */
static void test_twin_details(void)
{
    const unsigned long A = BASE, B = BASE + 256, C = BASE + 64, D = BASE + 128, E = BASE + 192;
    fixture_t f;
    cs_hier_outcome_t o;
    build_d1(&f, 256, 1, "lru");
    CHECK_EQ(CS_HIER_CLASS(rd(&f, A), CS_HIER_L1), CMP);
    CHECK_EQ(CS_HIER_CLASS(rd(&f, B), CS_HIER_L1), CMP);
    CHECK_EQ(CS_HIER_CLASS(rd(&f, A), CS_HIER_L1), CNF);   /* the twin's most recent now */
    rd(&f, C);
    rd(&f, D);
    CHECK_EQ(CS_HIER_CLASS(rd(&f, E), CS_HIER_L1), CMP);   /* the twin evicts B, not A */
    CHECK_EQ(CS_HIER_CLASS(rd(&f, B), CS_HIER_L1), CAP);
    fixture_destroy(&f);
    /* A (a conflict: B took its set) and C (never touched) in one
     * access: the first line's class */
    build_d1(&f, 256, 1, "lru");
    rd(&f, A);
    rd(&f, B);
    o = cs_hier_access_ext(&f.h, CS_HIER_READ, A + 60, 8, 0);
    CHECK_EQ(o & CS_HIER_MISS(CS_HIER_L1), CS_HIER_MISS(CS_HIER_L1));
    CHECK_EQ(CS_HIER_CLASS(o, CS_HIER_L1), CNF);           /* A: conflict; C: compulsory */
    fixture_destroy(&f);
}

/* The same three under Cachegrind's model (its quirks path). */
static void test_cachegrind_model(void)
{
    cs_geometry_t i1 = { 32768, 8, 64 }, ll = { 8 << 20, 16, 64 };
    cs_geometry_t dm = { 4096, 1, 64 }, fa = { 64 * 64, 64, 64 }, big = { 32768, 8, 64 };
    cs_cpu_t cpu;
    fixture_t f;
    tally_t t;
    unsigned long k, pass;

    cs_cpu_cachegrind(&cpu, &i1, &big, &ll);
    fixture_build_cpu(&f, &cpu, 1);
    zero(&t);
    for (k = 0; k < 10000; k++)
        tally(&t, rd(&f, BASE + k * 64));
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 10000);
    CHECK_EQ(t.cls[CS_HIER_LL][CMP], 10000);
    CHECK_EQ(t.miss[CS_HIER_L1], 10000);
    fixture_destroy(&f);

    cs_cpu_cachegrind(&cpu, &i1, &fa, &ll);
    fixture_build_cpu(&f, &cpu, 1);
    zero(&t);
    for (pass = 0; pass < 10; pass++)
        for (k = 0; k <= 64; k++)
            tally(&t, rd(&f, BASE + k * 64));
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 65);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP], 9 * 65);
    CHECK_EQ(t.cls[CS_HIER_L1][CNF], 0);
    fixture_destroy(&f);

    cs_cpu_cachegrind(&cpu, &i1, &dm, &ll);
    fixture_build_cpu(&f, &cpu, 1);
    zero(&t);
    for (k = 0; k < 100; k++) {
        tally(&t, rd(&f, BASE));
        tally(&t, rd(&f, BASE + 4096));
    }
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 2);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP], 0);
    CHECK_EQ(t.cls[CS_HIER_L1][CNF], 198);
    /* an access across two lines that both miss: one miss, one class */
    zero(&t);
    tally(&t, rd(&f, BASE + 8192 + 60));
    CHECK_EQ(t.miss[CS_HIER_L1], 1);
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 1);
    fixture_destroy(&f);
}

/* ---------------------------------------------------------------------
 * Random streams: classes add up; nothing else changes; the fast exit
 * --------------------------------------------------------------------- */

static unsigned long long rstate = 0x9E3779B97F4A7C15ULL;
static unsigned long long rnd(void)
{
    rstate ^= rstate << 13;
    rstate ^= rstate >> 7;
    rstate ^= rstate << 17;
    return rstate;
}

#define CLASS_BITS (0x3fULL << 32)

/* The L1 mirrors (cs_policy_set_mirrors) of a fixture, as the tool sets
 * them, for cs_hier_quiet_line. */
static void set_l1_mirrors(fixture_t *f, cs_line_t *storage[3])
{
    cs_policy_cache_t *i1 = &f->h.cache[CS_CPU_I1], *d1 = &f->h.cache[CS_CPU_D1];
    storage[0] = calloc(i1->set_mask + 1, sizeof(cs_line_t));
    storage[1] = calloc(d1->set_mask + 1, sizeof(cs_line_t));
    storage[2] = f->cpu.writeback ? calloc(d1->set_mask + 1, sizeof(cs_line_t)) : 0;
    cs_policy_set_mirrors(i1, storage[0], 0);
    cs_policy_set_mirrors(d1, storage[1], storage[2]);
}

/* Four copies of one hierarchy on one stream: plain (cs_hier_access),
 * classified (cs_hier_access_ext, with its fast exit), classified by
 * the general path (cs_hier_access_slow), and classified with the
 * accesses to the quiet line of their kind skipped, as the tool's
 * generated code skips them (cs_hier_quiet_line, kept up to date by
 * cs_hier_update_quiet; those must be the fast copy's 0 outcomes, and
 * every other outcome the same as its). */
static void check_stream(const cs_cpu_t *cpu, const char *label, unsigned long steps)
{
    fixture_t plain, fast, slow, quiet;
    unsigned long k, pc = 0x400000, changed = 0, unclassified = 0, fast_bad = 0;
    unsigned long skipped = 0, quiet_bad = 0;
    cs_line_t quiet_lines[3] = { CS_POLICY_NO_LINE, CS_POLICY_NO_LINE, CS_POLICY_NO_LINE };
    cs_line_t *mirrors[3];
    tally_t t;
    unsigned level;

    fixture_build_cpu(&plain, cpu, 0);
    fixture_build_cpu(&fast, cpu, 1);
    fixture_build_cpu(&slow, cpu, 1);
    fixture_build_cpu(&quiet, cpu, 1);
    set_l1_mirrors(&quiet, mirrors);
    zero(&t);
    for (k = 0; k < steps; k++) {
        cs_hier_kind_t kind;
        unsigned long addr, size;
        cs_hier_outcome_t a, b, c;
        unsigned long r = (unsigned long)(rnd() % 100);
        if (r < 40) {
            if (rnd() % 16 == 0)
                pc = 0x400000 + rnd() % 300000;
            kind = CS_HIER_IFETCH;
            size = 1 + rnd() % 8;
            addr = pc;
            pc += size;
        } else {
            kind = (cs_hier_kind_t)(1 + rnd() % 3);
            size = 8;
            addr = r < 70 ? 0x7fff0000UL - rnd() % 2048 : r < 90 ? BASE + rnd() % (1UL << 22)
                 : 0x20000000UL + (rnd() % 48) * 16384 + (rnd() % 4) * 64;
            if (rnd() % 50 == 0)
                addr |= 60;                      /* across two lines now and then */
        }
        a = cs_hier_needs_ext(&plain.h) ? cs_hier_access_ext(&plain.h, kind, addr, size, pc)
                                        : cs_hier_access(&plain.h, kind, addr, size);
        b = cs_hier_access_ext(&fast.h, kind, addr, size, pc);
        c = ext_by_slow_path(&slow.h, kind, addr, size, pc);
        changed += (a & ~CLASS_BITS) != (b & ~CLASS_BITS);
        fast_bad += b != c;
        if (addr - quiet_lines[kind == CS_HIER_MODIFY ? CS_HIER_WRITE : kind]
                <= (1UL << quiet.h.cache[kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1].line_bits) - size
            && !(quiet.h.pf_loads && (kind == CS_HIER_READ || kind == CS_HIER_MODIFY))) {
            skipped++;
            quiet_bad += b != 0;
        } else {
            cs_hier_outcome_t d = cs_hier_access_ext(&quiet.h, kind, addr, size, pc);
            quiet_bad += b != d;
            cs_hier_update_quiet(&quiet.h, kind, d, quiet_lines);
        }
        tally(&t, b);
        for (level = CS_HIER_L1; level <= CS_HIER_LL; level++)
            unclassified += ((b & CS_HIER_MISS(level)) != 0) != (CS_HIER_CLASS(b, level) != 0);
    }
    printf("  %-28s", label);
    for (level = CS_HIER_L1; level <= CS_HIER_LL; level++)
        printf(" | %7lu = %6lu + %6lu + %6lu", t.miss[level], t.cls[level][CMP],
               t.cls[level][CAP], t.cls[level][CNF]);
    printf("\n");
    CHECK_EQ(changed, 0);
    CHECK_EQ(unclassified, 0);
    CHECK_EQ(fast_bad, 0);
    CHECK_EQ(quiet_bad, 0);
    CHECK(skipped > steps / 10);
    for (level = CS_HIER_L1; level <= CS_HIER_LL; level++)
        CHECK_EQ(t.cls[level][CMP] + t.cls[level][CAP] + t.cls[level][CNF], t.miss[level]);
    CHECK(t.cls[CS_HIER_L1][CNF] > 0 && t.cls[CS_HIER_L1][CAP] > 0);
    fixture_destroy(&plain);
    fixture_destroy(&fast);
    fixture_destroy(&slow);
    fixture_destroy(&quiet);
    for (k = 0; k < 3; k++)
        free(mirrors[k]);
}

static void test_random_streams(void)
{
    static const char *const presets[] = { "cachegrind", "skylake", "icelake", "zen3" };
    static const char *const policies[] = { "lru", "fifo", "random", "tree-plru", "bit-plru",
                                            "srrip", "brrip", "qlru:H11_M1_R0_U0" };
    unsigned k;
    printf("random streams: misses = compulsory + capacity + conflict, at L1 | L2 | LL\n");
    for (k = 0; k < sizeof presets / sizeof presets[0]; k++) {
        cs_cpu_t cpu;
        cs_cpu_error_t err;
        char label[64];
        CHECK(cs_cpu_preset_load(cs_cpu_preset_find(presets[k]), &cpu, &err) == 0);
        if (k == 0) {
            cs_geometry_t l1 = { 16384, 4, 64 }, ll = { 262144, 8, 64 };
            cpu.cache[CS_CPU_I1].geom = cpu.cache[CS_CPU_D1].geom = l1;
            cpu.cache[CS_CPU_LL].geom = ll;
        }
        snprintf(label, sizeof label, "preset %s", presets[k]);
        check_stream(&cpu, label, 300000);
        if (k > 0) {
            unsigned i;
            for (i = 0; i < CS_CPU_NCACHES; i++)
                cpu.cache[i].prefetcher.kinds = 0;
            snprintf(label, sizeof label, "preset %s, no prefetcher", presets[k]);
            check_stream(&cpu, label, 300000);
        }
    }
    for (k = 0; k < sizeof policies / sizeof policies[0]; k++) {
        char text[1024], label[64];
        cs_cpu_t cpu;
        snprintf(text, sizeof text,
                 "I1 size=16K assoc=4 line=64 latency=4 policy=%s\n"
                 "D1 size=16K assoc=4 line=64 latency=4 policy=%s prefetcher=tagged\n"
                 "L2 size=128K assoc=8 line=64 latency=12 policy=%s inclusion=inclusive\n"
                 "LL size=1M assoc=16 line=64 latency=40 policy=%s inclusion=%s\n"
                 "memory latency=200\n", policies[k], policies[k], policies[k], policies[k],
                 k % 2 ? "exclusive" : "inclusive");
        fixture_parse(&cpu, text);
        snprintf(label, sizeof label, "%s, LL %s", policies[k], k % 2 ? "exclusive" : "inclusive");
        check_stream(&cpu, label, 200000);
    }
}

/* ---------------------------------------------------------------------
 * The set of touched lines, flush, inclusion, prefetches
 * --------------------------------------------------------------------- */

static int allocations_left;
static void *limited_alloc(void *ctx, unsigned long bytes)
{
    (void)ctx;
    return allocations_left-- > 0 ? calloc(1, bytes) : 0;
}

static void test_touched_set(void)
{
    const unsigned long n = 1UL << 20;           /* 2^20 lines: the set grows */
    fixture_t f;
    tally_t t;
    unsigned long k;
    cs_cpu_t cpu;
    void *mem;

    build_d1(&f, 32768, 8, "lru");
    zero(&t);
    for (k = 0; k < n; k++)           /* every other line of 2^21, so regions are half full */
        tally(&t, rd(&f, BASE + k * 128));
    for (k = 0; k < n; k++)
        tally(&t, rd(&f, BASE + k * 128));
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], n);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP], n);
    CHECK_EQ(t.cls[CS_HIER_LL][CMP], n);
    CHECK_EQ(t.cls[CS_HIER_LL][CAP], n);        /* 8 MB of lines through a 16 MB LL: no */
    CHECK(!cs_classify_overflowed(&f.cl));
    CHECK(f.cl.touched_mask + 1 >= 3 * 32768 * 4 / 3);  /* 3 levels x 32768 regions */
    /* a flush forgets the touches: compulsory again */
    cs_hier_flush(&f.h);
    zero(&t);
    for (k = 0; k < 1000; k++)
        tally(&t, rd(&f, BASE + k * 128));
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 1000);
    CHECK_EQ(t.cls[CS_HIER_LL][CMP], 1000);
    fixture_destroy(&f);

    /* an allocator that gives up: no crash, classes still add up, and
     * the classifier says so */
    fixture_parse(&cpu, "I1 size=32K assoc=8 line=64 latency=4\n"
                        "D1 size=32K assoc=8 line=64 latency=4\n"
                        "LL size=1M assoc=16 line=64 latency=40\nmemory latency=200\n");
    f.storage = calloc(1, cs_hier_storage_bytes(&cpu));
    cs_hier_init(&f.h, &cpu, f.storage);
    mem = calloc(1, cs_classify_storage_bytes(&cpu));
    allocations_left = 2;                        /* the first table and one doubling */
    CHECK(cs_classify_init(&f.cl, &cpu, mem, limited_alloc, fixture_free, 0) == 0);
    cs_hier_attach_classify(&f.h, &f.cl);
    zero(&t);
    for (k = 0; k < 200000; k++)
        tally(&t, cs_hier_access_ext(&f.h, CS_HIER_READ, BASE + k * 4096, 8, 0));
    CHECK(cs_classify_overflowed(&f.cl));
    CHECK_EQ(t.cls[CS_HIER_L1][CMP] + t.cls[CS_HIER_L1][CAP] + t.cls[CS_HIER_L1][CNF],
             t.miss[CS_HIER_L1]);
    CHECK_EQ(t.miss[CS_HIER_L1], 200000);
    /* the 2048-slot table holds 2047 regions (one slot stays empty) */
    CHECK_EQ(t.cls[CS_HIER_L1][CMP] + t.cls[CS_HIER_LL][CMP], 2047);
    cs_classify_free(&f.cl);
    free(f.storage);
    allocations_left = 0;
    CHECK(cs_classify_init(&f.cl, &cpu, mem, limited_alloc, fixture_free, 0) != 0);
    free(mem);
}

/* An inclusive LL's back-invalidation: D1's miss is a conflict miss (a
 * fully associative D1 would have kept the line), LL's own miss says why. */
static void test_back_invalidation(void)
{
    fixture_t f;
    tally_t t;
    /* D1 2 sets of 2 ways, LL 16 sets of 4 ways: lines 3 + 16k share LL
     * set 3 (and D1 set 1) */
    fixture_build(&f, "I1 size=256 assoc=2 line=64 latency=1\n"
                      "D1 size=256 assoc=2 line=64 latency=1\n"
                      "LL size=4096 assoc=4 line=64 latency=20 inclusion=inclusive\n"
                      "memory latency=100\n", 1);
#define SAME(k) (0x100000UL + (3 + 16 * (k)) * 64UL)
    zero(&t);
    tally(&t, rd(&f, SAME(0)));
    tally(&t, rd(&f, SAME(1)));
    tally(&t, rd(&f, SAME(0)));
    tally(&t, rd(&f, SAME(2)));
    tally(&t, rd(&f, SAME(0)));
    tally(&t, rd(&f, SAME(3)));
    tally(&t, rd(&f, SAME(0)));
    tally(&t, rd(&f, SAME(4)));          /* LL evicts line 0, and D1 loses it */
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 5);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP] + t.cls[CS_HIER_L1][CNF], 0);
    zero(&t);
    tally(&t, rd(&f, SAME(0)));
    CHECK_EQ(t.cls[CS_HIER_L1][CNF], 1);
    CHECK_EQ(t.cls[CS_HIER_LL][CNF], 1);     /* 5 lines fit LL's 64 lines */
    fixture_destroy(&f);
}

/* Prefetched lines are touched: a line prefetched, evicted unused, then
 * missed is not compulsory. */
static void test_prefetched_lines(void)
{
    fixture_t f;
    tally_t t;
    unsigned long k;
    fixture_build(&f, "I1 size=32K assoc=8 line=64 latency=4\n"
                      "D1 size=4096 assoc=4 line=64 latency=4 prefetcher=nextline\n"
                      "LL size=1M assoc=16 line=64 latency=40\nmemory latency=200\n", 1);
    zero(&t);
    for (k = 0; k < 256; k += 2)              /* even lines of 16 KB: odd ones prefetched */
        tally(&t, rd(&f, BASE + k * 64));
    CHECK_EQ(t.miss[CS_HIER_L1], 128);
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 128);
    zero(&t);
    for (k = 1; k < 256; k += 2)              /* the odd ones, long evicted */
        tally(&t, rd(&f, BASE + k * 64));
    CHECK_EQ(t.miss[CS_HIER_L1], 128);
    CHECK_EQ(t.cls[CS_HIER_L1][CMP], 0);
    CHECK_EQ(t.cls[CS_HIER_L1][CAP], 128);
    CHECK_EQ(t.cls[CS_HIER_LL][CMP] + t.miss[CS_HIER_LL], 0);
    fixture_destroy(&f);
}

/* ---------------------------------------------------------------------
 * Against a plain model of the classes
 * --------------------------------------------------------------------- */

/* A fully associative lru cache kept the slow and obvious way: an array
 * in recency order, searched from the front. */
typedef struct {
    unsigned long line[1024];
    unsigned n, capacity;
} plain_twin_t;

/* Look line up; 1 if it was there.  It ends at the front either way. */
static int plain_twin_ref(plain_twin_t *p, unsigned long line)
{
    unsigned k;
    int hit;
    for (k = 0; k < p->n && p->line[k] != line; k++)
        ;
    hit = k < p->n;
    if (!hit && p->n < p->capacity)
        k = p->n++;
    else if (!hit)
        k = p->n - 1;
    memmove(&p->line[1], &p->line[0], k * sizeof p->line[0]);
    p->line[0] = line;
    return hit;
}

/* The class of a lookup of line at a level with this twin and touched
 * lines (a byte per line of a small range), or 0 on a hit. */
static unsigned plain_class(plain_twin_t *p, unsigned char *touched, unsigned long line,
                            int missed)
{
    int twin_hit = plain_twin_ref(p, line);
    if (!missed)
        return 0;
    if (!touched[line])
        return touched[line] = 1, CMP;
    return twin_hit ? CNF : CAP;
}

/* Every access's classes at L1 and LL from the hierarchy's fast path
 * (cs_hier_access_ext, as the tool calls it) against the plain model fed
 * the same lookups, on a stream of single-line accesses with much reuse
 * at L1 and at LL: a twin that moves a line wrongly on a hit (the
 * hierarchy's own paths all share the twin) shows here. */
static void check_against_plain(const char *label, const char *text)
{
    enum { LINES = 4096 };                       /* 256 KB of data */
    static unsigned char touched[3][LINES];      /* I1, D1, LL */
    static plain_twin_t l1[2], ll;
    fixture_t f;
    unsigned long k, bad = 0, cls_seen[4] = { 0, 0, 0, 0 }, hot = 0;

    fixture_build(&f, text, 1);
    memset(touched, 0, sizeof touched);
    l1[0].n = l1[1].n = ll.n = 0;
    l1[0].capacity = l1[1].capacity = 64;
    ll.capacity = 1024;
    for (k = 0; k < 400000; k++) {
        unsigned long r = (unsigned long)(rnd() % 100), line;
        cs_hier_kind_t kind = r < 30 ? CS_HIER_IFETCH : (cs_hier_kind_t)(1 + rnd() % 3);
        unsigned side = kind == CS_HIER_IFETCH ? 0 : 1;
        unsigned want_l1, want_ll = 0;
        cs_hier_outcome_t o;
        if (rnd() % 4 != 0)                      /* a few hot lines, one per set or two */
            hot = rnd() % 8 == 0 ? rnd() % 96 : hot;
        line = rnd() % 4 == 0 ? rnd() % LINES : rnd() % 8 == 0 ? rnd() % 1400 : hot + rnd() % 3;
        o = cs_hier_access_ext(&f.h, kind, BASE + line * 64 + (rnd() % 8) * 8, 8, 0x400000);
        want_l1 = plain_class(&l1[side], touched[side], line, (o & CS_HIER_MISS(CS_HIER_L1)) != 0);
        if (o & CS_HIER_MISS(CS_HIER_L1))
            want_ll = plain_class(&ll, touched[2], line, (o & CS_HIER_MISS(CS_HIER_LL)) != 0);
        bad += want_l1 != CS_HIER_CLASS(o, CS_HIER_L1) || want_ll != CS_HIER_CLASS(o, CS_HIER_LL);
        cls_seen[want_l1]++;
        cls_seen[want_ll]++;
    }
    printf("%s: %lu compulsory, %lu capacity, %lu conflict misses at L1 and LL, "
           "%lu classes unlike the plain model's\n", label, cls_seen[CMP], cls_seen[CAP],
           cls_seen[CNF], bad);
    CHECK_EQ(bad, 0);
    CHECK(cls_seen[CAP] > 1000 && cls_seen[CNF] > 1000);
    fixture_destroy(&f);
}

static void test_against_plain(void)
{
    check_against_plain("against a plain model, Cachegrind's model",
                        "cpu name=t writeback=no cachegrind-quirks=yes\n"
                        "I1 size=4096 assoc=4 line=64 latency=4\n"
                        "D1 size=4096 assoc=4 line=64 latency=4\n"
                        "LL size=64K assoc=8 line=64 latency=40 inclusion=non-inclusive\n"
                        "memory latency=200\n");
    check_against_plain("against a plain model, the general model",
                        "I1 size=4096 assoc=4 line=64 latency=4\n"
                        "D1 size=4096 assoc=4 line=64 latency=4\n"
                        "LL size=64K assoc=8 line=64 latency=40\nmemory latency=200\n");
}

int main(void)
{
    test_one_pass();
    test_cycle("lru");
    test_cycle("fifo");
    test_cycle("random");
    test_fully_associative_twin("lru");
    test_fully_associative_twin("fifo");
    test_fully_associative_twin("random");
    test_twin_second_line();
    test_two_lines();
    test_twin_details();
    test_cachegrind_model();
    test_touched_set();
    test_back_invalidation();
    test_prefetched_lines();
    test_random_streams();
    test_against_plain();
    return unit_finish("test_classify");
}
