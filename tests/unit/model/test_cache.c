/* test_cache.c - host tests of the cache model (vgtool/model/cache.h). */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "model/cache.h"

static cs_cache_t make_kind(unsigned long size, unsigned long assoc, unsigned long line,
                            int narrow)
{
    cs_geometry_t g = { size, assoc, line };
    cs_cache_t c;
    const char *err;
    if (cs_geometry_check(&g, &err) != 0) {
        fprintf(stderr, "bad test geometry: %s\n", err);
        exit(2);
    }
    if (narrow && !cs_cache_can_be_narrow(&g)) {
        fprintf(stderr, "test geometry cannot be narrow\n");
        exit(2);
    }
    cs_cache_init(&c, &g, calloc(1, cs_cache_tag_bytes(&g, narrow)), narrow);
    return c;
}

static cs_cache_t make(unsigned long size, unsigned long assoc, unsigned long line)
{
    return make_kind(size, assoc, line, 0);
}

/* A second, independent LRU model: per-set lists of (block, last use). */
typedef struct { unsigned long block; unsigned long used; } slot_t;
static int ref_model(slot_t *slots, unsigned long sets, unsigned long assoc,
                     unsigned line_bits, unsigned long addr, unsigned size,
                     unsigned long now)
{
    unsigned long b[2];
    int n = 1, miss = 0, k;
    b[0] = addr >> line_bits;
    b[1] = (addr + size - 1) >> line_bits;
    if (b[1] != b[0]) n = 2;
    for (k = 0; k < n; k++) {
        slot_t *s = slots + (b[k] % sets) * assoc;
        unsigned long w, victim = 0;
        int hit = 0;
        for (w = 0; w < assoc; w++)
            if (s[w].block == b[k]) { s[w].used = now * 2 + k; hit = 1; break; }
        if (!hit) {
            miss = 1;
            for (w = 1; w < assoc; w++)
                if (s[w].used < s[victim].used) victim = w;
            s[victim].block = b[k];
            s[victim].used = now * 2 + k;
        }
    }
    return miss;
}

/* cs_cache_ref_not_mru_fixed with the associativity as a constant, as the
 * tool's helpers call it. */
static int ref_not_mru_fixed(cs_cache_t *c, unsigned long addr)
{
    switch (c->assoc) {
    case 4:
        return cs_cache_ref_not_mru_fixed(c, addr, 4);
    case 8:
        return cs_cache_ref_not_mru_fixed(c, addr, 8);
    case 16:
        return cs_cache_ref_not_mru_fixed(c, addr, 16);
    default:
        return cs_cache_ref_not_mru(c, addr);
    }
}

static void test_against_reference(unsigned long size, unsigned long assoc, unsigned long line,
                                   int narrow)
{
    /* Addresses near the bottom, in the middle and near the top of a
     * 47-bit user address space, so that tags differ in their high bits. */
    static const unsigned long bases[3] = { 0x10000UL, 0x555555550000UL, 0x7ffff0000000UL };
    cs_cache_t c = make_kind(size, assoc, line, narrow);
    unsigned long sets = size / line / assoc, i;
    slot_t *slots = calloc(sets * assoc, sizeof *slots);
    unsigned long seed = 12345;
    int mismatches = 0;
    /* Tags start at 0 in both models (block 0 is "present" in set 0):
     * give the reference model the same start so the quirk matches. */
    for (i = 0; i < 200000; i++) {
        unsigned long addr;
        unsigned size_b;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        addr = bases[(seed >> 8) % 3] + ((seed >> 20) % (size * 4));
        size_b = 1 + (unsigned)((seed >> 50) % 8);
        /* Single-line accesses that miss the MRU line take the path the
         * tool's helpers take (way 0 not searched). */
        int one_line = (addr >> c.line_bits) == ((addr + size_b - 1) >> c.line_bits);
        /* ... by either function, half the time each. */
        int miss = !narrow && one_line && !cs_cache_is_mru(&c, addr)
                       ? ((seed >> 40) & 1 ? ref_not_mru_fixed(&c, addr) : cs_cache_ref_not_mru(&c, addr))
                       : cs_cache_ref(&c, addr, size_b);
        if (miss !=
            ref_model(slots, sets, assoc, c.line_bits, addr, size_b, i + 1))
            mismatches++;
    }
    CHECK_EQ(mismatches, 0);
    /* A narrow cache's copy of the MRU ways still matches them. */
    if (narrow && c.mru32 != 0) {
        mismatches = 0;
        for (i = 0; i < sets; i++) {
            /* way 0's block, from its tag and set */
            unsigned long block = ((unsigned long)c.tags32[i * assoc] - 1) << c.set_bits | i;
            mismatches += c.mru32[i] != c.tags32[i * assoc];
            mismatches += c.tags32[i * assoc] != 0 && !cs_cache_mru_copy_holds(&c, block);
            mismatches += cs_cache_mru_copy_holds(&c, block + (1UL << c.set_bits));
        }
        CHECK_EQ(mismatches, 0);
    }
    CHECK_EQ(narrow && assoc >= 4, c.mru32 != 0);
    free(slots);
    free(narrow ? (void *)c.tags32 : (void *)c.tags);
}

int main(void)
{
    /* Direct-mapped: two blocks that share a set evict each other. */
    {
        cs_cache_t c = make(1024, 1, 64);   /* 16 sets */
        CHECK_EQ(cs_cache_ref(&c, 0x10000, 4), 1);
        CHECK_EQ(cs_cache_ref(&c, 0x10008, 4), 0);
        CHECK_EQ(cs_cache_ref(&c, 0x10000 + 1024, 4), 1);
        CHECK_EQ(cs_cache_ref(&c, 0x10000, 4), 1);
        free(c.tags);
    }
    /* 2-way LRU: the least recently used way is evicted. */
    {
        cs_cache_t c = make(2048, 2, 64);   /* 16 sets */
        unsigned long a = 0x40000, b = a + 1024, d = a + 2048;
        CHECK_EQ(cs_cache_ref(&c, a, 8), 1);
        CHECK_EQ(cs_cache_ref(&c, b, 8), 1);
        CHECK_EQ(cs_cache_ref(&c, a, 8), 0);  /* a is MRU again */
        CHECK_EQ(cs_cache_ref(&c, d, 8), 1);  /* evicts b */
        CHECK_EQ(cs_cache_ref(&c, a, 8), 0);
        CHECK_EQ(cs_cache_ref(&c, b, 8), 1);
        CHECK(cs_cache_is_mru(&c, b));
        CHECK(!cs_cache_is_mru(&c, a));
        /* A wide cache's tags are line addresses, way 0 the MRU line: the
         * tool's inline data test subtracts way 0 from the access's
         * address. */
        CHECK_EQ(c.tags[((b >> 6) & 15) * 2], b & ~63UL);
        CHECK_EQ(c.tags[((b >> 6) & 15) * 2 + 1], a & ~63UL);
        CHECK_EQ(cs_cache_ref(&c, b + 60, 4), 0);
        CHECK_EQ(c.tags[((b >> 6) & 15) * 2], b & ~63UL);
        free(c.tags);
    }
    /* Fully associative (one set): LRU over all lines. */
    {
        cs_cache_t c = make(1024, 16, 64);
        unsigned long i;
        for (i = 0; i < 16; i++)
            CHECK_EQ(cs_cache_ref(&c, 0x80000 + i * 4096, 1), 1);
        for (i = 0; i < 16; i++)
            CHECK_EQ(cs_cache_ref(&c, 0x80000 + i * 4096, 1), 0);
        CHECK_EQ(cs_cache_ref(&c, 0x80000 + 16 * 4096, 1), 1); /* evicts #0 */
        CHECK_EQ(cs_cache_ref(&c, 0x80000, 1), 1);
        free(c.tags);
    }
    /* An access straddling two lines: one access, one miss, both lines in. */
    {
        cs_cache_t c = make(32768, 8, 64);
        CHECK_EQ(cs_cache_ref(&c, 0x1003c, 8), 1);  /* bytes 0x3c..0x43 */
        CHECK_EQ(cs_cache_ref(&c, 0x10000, 4), 0);
        CHECK_EQ(cs_cache_ref(&c, 0x10040, 4), 0);
        /* Only the second line missing still counts one miss. */
        CHECK_EQ(cs_cache_ref(&c, 0x1007e, 4), 1);
        CHECK_EQ(cs_cache_ref(&c, 0x10080, 1), 0);
        free(c.tags);
    }
    /* Flush forgets everything. */
    {
        cs_cache_t c = make(4096, 4, 64);
        CHECK_EQ(cs_cache_ref(&c, 0x5000, 4), 1);
        CHECK_EQ(cs_cache_ref(&c, 0x5000, 4), 0);
        cs_cache_flush(&c);
        CHECK_EQ(cs_cache_ref(&c, 0x5000, 4), 1);
        free(c.tags);
    }
    /* Random streams against an independent LRU model, with whole block
     * numbers as tags and with 32-bit tags (as the tool's LL keeps them
     * when the geometry allows). */
    {
        static const struct { unsigned long size, assoc, line; int narrow; } cases[] = {
            { 32768, 8, 64, 0 }, { 4096, 1, 32, 0 }, { 1024, 16, 64, 0 },
            { 24576, 6, 64, 0 }, { 65536, 2, 128, 0 }, { 16384, 4, 64, 0 },
            { 1048576, 16, 64, 0 }, { 8192, 32, 64, 0 },
            { 8388608, 16, 64, 1 }, { 2097152, 16, 64, 1 }, { 3145728, 12, 64, 1 },
            { 4194304, 1, 64, 1 }, { 1048576, 8, 128, 1 },
        };
        unsigned k;
        for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
            test_against_reference(cases[k].size, cases[k].assoc, cases[k].line,
                                   cases[k].narrow);
    }
    {
        cs_geometry_t small = { 65536, 16, 64 }, large = { 2097152, 16, 64 };
        CHECK(!cs_cache_can_be_narrow(&small));   /* 2^12 sets*lines: 36-bit tags */
        CHECK(cs_cache_can_be_narrow(&large));
    }
    /* Block 0 starts present in set 0, as with Cachegrind's zero tags. */
    {
        cs_cache_t n = make_kind(2097152, 16, 64, 1), w = make(2097152, 16, 64);
        CHECK_EQ(cs_cache_ref(&n, 0, 4), 0);
        CHECK_EQ(cs_cache_ref(&w, 0, 4), 0);
        CHECK_EQ(cs_cache_ref(&n, 64, 4), 1);
        CHECK_EQ(cs_cache_ref(&w, 64, 4), 1);
        cs_cache_flush(&n);
        CHECK_EQ(cs_cache_ref(&n, 0, 4), 0);
        free(n.tags32);
        free(w.tags);
    }
    return unit_finish("test_cache");
}
