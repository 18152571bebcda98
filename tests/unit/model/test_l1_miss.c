/* test_l1_miss.c - host tests of the step after an L1 miss and of the
 * counting (vgtool/model/l1_miss.h, vgtool/model/events.h): exact counts
 * on crafted accesses, in the right events. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "model/l1_miss.h"

/* I1 and D1: 1 KB, 2-way, 64-byte lines (8 sets, so lines 512 bytes apart
 * share a set).  LL: 2 MB, 16-way, 64-byte lines (2048 sets, lines
 * 128 KB apart share a set), kept narrow with a copy of its MRU ways, as
 * the tool keeps it; or wide. */
#define L1_SET_STRIDE 512UL
#define LL_SET_STRIDE (2048UL * 64)

typedef struct {
    cs_cache_t i1, d1, ll;
    unsigned long long cc[CS_N_EVENTS];
    unsigned long long running[CS_N_EVENTS];
    unsigned long long collect;
    unsigned char keep_running;
} hier_t;

static void make_cache(cs_cache_t *c, unsigned long size, unsigned long assoc, int narrow)
{
    cs_geometry_t g = { size, assoc, 64 };
    const char *err;
    if (cs_geometry_check(&g, &err) != 0 || (narrow && !cs_cache_can_be_narrow(&g))) {
        fprintf(stderr, "bad test geometry\n");
        exit(2);
    }
    cs_cache_init(c, &g, calloc(1, cs_cache_tag_bytes(&g, narrow)), narrow);
}

static void make(hier_t *h, int narrow_ll)
{
    memset(h, 0, sizeof *h);
    make_cache(&h->i1, 1024, 2, 0);
    make_cache(&h->d1, 1024, 2, 0);
    make_cache(&h->ll, 2 * 1024 * 1024, 16, narrow_ll);
    h->collect = ~0ULL;
    h->keep_running = 1;
}

static cs_tally_t tally(hier_t *h)
{
    cs_tally_t t = { h->cc, &h->collect, &h->keep_running, h->running };
    return t;
}

/* An L1 miss as the tool's helpers take it (l1_missed in
 * instrument/helpers.c): the usual case tested first, else the full step. */
static void l1_missed(hier_t *h, int l1_ev, unsigned long addr, unsigned long size)
{
    if (cs_l1_miss_hits_ll_mru(&h->ll, addr, size))
        cs_count_l1_miss(tally(h), l1_ev, 0);
    else
        cs_l1_missed(&h->ll, tally(h), l1_ev, addr, size);
}

/* An access as the tool's general helpers take it (h_fetch_any,
 * h_guarded_*): counted, looked up in its L1, the step after a miss. */
static void access(hier_t *h, int ev, unsigned long addr, unsigned long size)
{
    cs_cache_t *l1 = ev == EV_Ir ? &h->i1 : &h->d1;
    cs_count(tally(h), ev, 1, 0);
    if (cs_cache_ref(l1, addr, size))
        l1_missed(h, ev + 1, addr, size);
}

/* The counts so far, Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw, in the cost
 * centre and (when kept) in the running totals; branches stay 0. */
#define EXPECT(h, ir, i1, il, dr, d1r, dlr, dw, d1w, dlw) do { \
    const unsigned long long want_[CS_N_EVENTS] = { ir, i1, il, dr, d1r, dlr, dw, d1w, dlw, 0, 0, 0, 0 }; \
    int e_; \
    for (e_ = 0; e_ < CS_N_EVENTS; e_++) { \
        CHECK_EQ((h)->cc[e_], want_[e_]); \
        CHECK_EQ((h)->running[e_], (h)->keep_running ? want_[e_] : 0); \
    } \
} while (0)

#define A 0x123440UL   /* D1 set 1, LL set 0xd1 */

static void test_read_misses(int narrow)
{
    hier_t h;
    make(&h, narrow);

    access(&h, EV_Dr, A, 8);                          /* cold: D1 and LL miss */
    EXPECT(&h, 0, 0, 0, 1, 1, 1, 0, 0, 0);
    access(&h, EV_Dr, A + 8, 8);                      /* same line: D1 hit */
    EXPECT(&h, 0, 0, 0, 2, 1, 1, 0, 0, 0);

    /* Two other lines of A's D1 set (in other LL sets) evict A from D1:
     * A misses D1 and hits the LL, where it is still the MRU line of its
     * set, the usual case. */
    access(&h, EV_Dr, A + L1_SET_STRIDE, 8);
    access(&h, EV_Dr, A + 2 * L1_SET_STRIDE, 8);
    EXPECT(&h, 0, 0, 0, 4, 3, 3, 0, 0, 0);
    CHECK_EQ(cs_l1_miss_hits_ll_mru(&h.ll, A, 8), 1);
    access(&h, EV_Dr, A, 8);
    EXPECT(&h, 0, 0, 0, 5, 4, 3, 0, 0, 0);

    /* Another line of A's LL set (and D1 set) makes A the second way of its
     * LL set: evicted from D1 again, A hits the LL by the full lookup. */
    access(&h, EV_Dr, A + LL_SET_STRIDE, 8);
    access(&h, EV_Dr, A + L1_SET_STRIDE, 8);
    EXPECT(&h, 0, 0, 0, 7, 6, 4, 0, 0, 0);
    CHECK_EQ(cs_l1_miss_hits_ll_mru(&h.ll, A, 8), 0);
    access(&h, EV_Dr, A, 8);
    EXPECT(&h, 0, 0, 0, 8, 7, 4, 0, 0, 0);
}

static void test_ll_eviction(int narrow)
{
    hier_t h;
    unsigned long k;
    make(&h, narrow);

    access(&h, EV_Dr, A, 4);
    /* Sixteen other lines of A's LL set evict it from the 16-way LL (and
     * from D1: they share its D1 set too). */
    for (k = 1; k <= 16; k++)
        access(&h, EV_Dr, A + k * LL_SET_STRIDE, 4);
    EXPECT(&h, 0, 0, 0, 17, 17, 17, 0, 0, 0);
    access(&h, EV_Dr, A, 4);                          /* D1 and LL miss */
    EXPECT(&h, 0, 0, 0, 18, 18, 18, 0, 0, 0);
}

/* An access over two lines is one access: one L1 miss if either line
 * misses L1, and one LL miss if either misses the LL. */
static void test_straddling(int narrow)
{
    hier_t h;
    unsigned long b = A + 64 * 16;                    /* a line boundary + 0x40 */
    make(&h, narrow);

    access(&h, EV_Dr, b, 4);                          /* the first line, cold */
    EXPECT(&h, 0, 0, 0, 1, 1, 1, 0, 0, 0);
    CHECK_EQ(cs_l1_miss_hits_ll_mru(&h.ll, b - 4, 8), 0);   /* two lines: never usual */
    access(&h, EV_Dr, b - 4, 8);                      /* previous line cold, this one in */
    EXPECT(&h, 0, 0, 0, 2, 2, 2, 0, 0, 0);
    access(&h, EV_Dr, b - 4, 8);                      /* both lines in D1 */
    EXPECT(&h, 0, 0, 0, 3, 2, 2, 0, 0, 0);

    /* Evict both lines from D1 (they are in D1 sets 1 and 0), keep them in
     * the LL: one D1 miss, no LL miss. */
    access(&h, EV_Dr, b + L1_SET_STRIDE, 4);
    access(&h, EV_Dr, b + 2 * L1_SET_STRIDE, 4);
    access(&h, EV_Dr, b - 4 + L1_SET_STRIDE, 4);
    access(&h, EV_Dr, b - 4 + 2 * L1_SET_STRIDE, 4);
    EXPECT(&h, 0, 0, 0, 7, 6, 6, 0, 0, 0);
    access(&h, EV_Dr, b - 4, 8);
    EXPECT(&h, 0, 0, 0, 8, 7, 6, 0, 0, 0);
}

/* Fetches count in I1mr and ILmr, writes in D1mw and DLmw; the LL is
 * shared, so a fetch of a line that data brought in hits it. */
static void test_events(int narrow)
{
    hier_t h;
    unsigned long code = 0x401000UL;
    make(&h, narrow);

    access(&h, EV_Ir, code, 5);
    EXPECT(&h, 1, 1, 1, 0, 0, 0, 0, 0, 0);
    access(&h, EV_Dw, A, 8);
    EXPECT(&h, 1, 1, 1, 0, 0, 0, 1, 1, 1);
    access(&h, EV_Ir, A + 16, 4);                     /* I1 miss, LL hit */
    EXPECT(&h, 2, 2, 1, 0, 0, 0, 1, 1, 1);
    access(&h, EV_Dr, code, 8);                       /* D1 miss, LL hit */
    EXPECT(&h, 2, 2, 1, 1, 1, 0, 1, 1, 1);
    access(&h, EV_Ir, code + 62, 4);                  /* over two lines: the second is new */
    EXPECT(&h, 3, 3, 2, 1, 1, 0, 1, 1, 1);
}

/* Nothing is counted while collection is off, but the caches change: the
 * same accesses then hit.  The running totals are kept only when asked. */
static void test_collection(int narrow)
{
    hier_t h;
    make(&h, narrow);

    h.collect = 0;
    access(&h, EV_Dr, A, 8);
    access(&h, EV_Ir, 0x401000UL, 4);
    EXPECT(&h, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    h.collect = ~0ULL;
    access(&h, EV_Dr, A, 8);
    access(&h, EV_Ir, 0x401000UL, 4);
    EXPECT(&h, 1, 0, 0, 1, 0, 0, 0, 0, 0);

    h.keep_running = 0;
    memset(h.cc, 0, sizeof h.cc);
    memset(h.running, 0, sizeof h.running);
    access(&h, EV_Dw, A + 4 * LL_SET_STRIDE, 8);
    EXPECT(&h, 0, 0, 0, 0, 0, 0, 1, 1, 1);
}

/* The usual case's promise: when cs_l1_miss_hits_ll_mru says so, the full
 * step would count no LL miss and change nothing. */
static void test_usual_case_is_a_plain_hit(void)
{
    hier_t h;
    unsigned long i, seed = 12345, usual = 0;
    size_t bytes;
    unsigned char *before;

    make(&h, 1);
    bytes = cs_cache_tag_bytes(&h.ll.geom, 1);
    before = malloc(bytes);
    for (i = 0; i < 200000; i++) {
        unsigned long addr, size = 1UL << (seed >> 7 & 3);
        unsigned long long ll_misses;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        addr = 0x10000000UL + (seed >> 20) % (4UL << 20);   /* twice the LL: misses too */
        if (!cs_l1_miss_hits_ll_mru(&h.ll, addr, size)) {
            cs_l1_missed(&h.ll, tally(&h), EV_D1mr, addr, size);
            continue;
        }
        usual++;
        memcpy(before, h.ll.tags32, bytes);
        ll_misses = h.cc[EV_DLmr];
        cs_l1_missed(&h.ll, tally(&h), EV_D1mr, addr, size);
        CHECK_EQ(h.cc[EV_DLmr], ll_misses);
        CHECK(memcmp(before, h.ll.tags32, bytes) == 0);
    }
    CHECK(usual > 1000);
    free(before);
}

/* What the tool's data helpers look up after a failed inline test agrees
 * with the plain lookup, result and state. */
static void test_ref_after_mru_test(void)
{
    cs_cache_t a, b;
    unsigned long i, seed = 99;
    make_cache(&a, 4096, 4, 0);
    make_cache(&b, 4096, 4, 0);
    for (i = 0; i < 100000; i++) {
        unsigned long addr, size = 1UL << (seed >> 9 & 3);
        int one_line;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        addr = (seed >> 24) % 16384;
        one_line = addr >> 6 == (addr + size - 1) >> 6;
        if (one_line && cs_cache_is_mru(&a, addr)) {   /* the inline test's hit */
            CHECK_EQ(cs_cache_ref(&b, addr, size), 0);
            continue;
        }
        CHECK_EQ(cs_cache_ref_after_mru_test(&a, addr, size), cs_cache_ref(&b, addr, size));
    }
    CHECK(memcmp(a.tags, b.tags, cs_cache_tag_bytes(&a.geom, 0)) == 0);
}

int main(void)
{
    int narrow;
    for (narrow = 0; narrow <= 1; narrow++) {
        test_read_misses(narrow);
        test_ll_eviction(narrow);
        test_straddling(narrow);
        test_events(narrow);
        test_collection(narrow);
    }
    test_usual_case_is_a_plain_hit();
    test_ref_after_mru_test();
    return unit_finish("test_l1_miss");
}
