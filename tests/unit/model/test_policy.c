/* test_policy.c - host tests of the replacement policies (vgtool/model/
 * policy.h): each policy against a small reference written here from the
 * policy's definition in a different, plainer form (timestamps, explicit
 * trees, boolean vectors, literal age rules), on random streams; the
 * names; and the claim of the MRU-hit fast exit (a hit it allows changes
 * no state). */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "model/policy.h"

/* ---------------------------------------------------------------------
 * The reference: one set of at most 64 ways.
 * --------------------------------------------------------------------- */

#define MAXW 64

typedef struct { int lo, hi; int bit; } tnode_t;   /* explicit tree node */

typedef struct {
    int kind;
    cs_policy_t p;
    int assoc;
    long tag[MAXW];          /* -1 empty */
    unsigned long stamp[MAXW];   /* lru: last use; fifo: fill time */
    int flag[MAXW];          /* bit-plru MRU bits */
    int age[MAXW];           /* rrip values, qlru ages */
    /* tree-plru: explicit nodes found by searching the covering range */
    tnode_t nodes[2 * MAXW];
    int nnodes;
    /* lru3plru4: a tree per group and the groups' last use */
    tnode_t gnodes[3][8];
    unsigned long gstamp[3];
    unsigned long now;
    unsigned long long *rng;     /* one generator per cache, shared by its sets */
} refset_t;

static unsigned long long ref_splitmix(unsigned long long x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/* xorshift64*, the high 32 bits: the generator policy.h documents */
static unsigned ref_random(refset_t *r)
{
    unsigned long long x = *r->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *r->rng = x;
    return (unsigned)((x * 2685821657736338717ULL) >> 32);
}

/* Build the nodes of a tree over [lo, hi) (hi - lo a power of two). */
static void tree_build(tnode_t *nodes, int *n, int lo, int hi)
{
    int me = (*n)++;
    nodes[me].lo = lo;
    nodes[me].hi = hi;
    nodes[me].bit = 0;
    if (hi - lo > 1) {
        tree_build(nodes, n, lo, (lo + hi) / 2);
        tree_build(nodes, n, (lo + hi) / 2, hi);
    }
}

static tnode_t *tree_find(tnode_t *nodes, int n, int lo, int hi)
{
    int i;
    for (i = 0; i < n; i++)
        if (nodes[i].lo == lo && nodes[i].hi == hi)
            return &nodes[i];
    abort();
}

/* Every node above way w points to the half without w (1 = right). */
static void tree_access(tnode_t *nodes, int n, int lo, int hi, int w)
{
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        tnode_t *t = tree_find(nodes, n, lo, hi);
        if (w < mid) {
            t->bit = 1;
            hi = mid;
        } else {
            t->bit = 0;
            lo = mid;
        }
    }
}

static int tree_pick(tnode_t *nodes, int n, int lo, int hi)
{
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (tree_find(nodes, n, lo, hi)->bit)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static void ref_init(refset_t *r, const cs_policy_t *p, int assoc, unsigned long long *rng)
{
    int i, g;
    memset(r, 0, sizeof *r);
    r->kind = p->kind;
    r->p = *p;
    r->assoc = assoc;
    for (i = 0; i < assoc; i++) {
        r->tag[i] = -1;
        r->age[i] = 3;          /* nanoBench: every way starts at age 3 */
    }
    if (p->kind == CS_POLICY_TREE_PLRU)
        tree_build(r->nodes, &r->nnodes, 0, assoc);
    for (g = 0; g < 3; g++) {
        int n = 0;
        tree_build(r->gnodes[g], &n, 0, 4);
        r->gstamp[g] = 3 - (unsigned long)g;   /* group 0 most recent at start */
    }
    r->rng = rng;
}

/* The access of way w (hit or fill) for the access-driven policies. */
static void ref_touch(refset_t *r, int w)
{
    int i, all = 1;
    r->stamp[w] = r->now;          /* lru */
    switch (r->kind) {
    case CS_POLICY_TREE_PLRU:
        tree_access(r->nodes, r->nnodes, 0, r->assoc, w);
        break;
    case CS_POLICY_BIT_PLRU:
        r->flag[w] = 1;
        for (i = 0; i < r->assoc; i++)
            all &= r->flag[i];
        if (all)
            for (i = 0; i < r->assoc; i++)
                r->flag[i] = i == w;
        break;
    case CS_POLICY_LRU3PLRU4:
        tree_access(r->gnodes[w / 4], 7, 0, 4, w % 4);
        r->gstamp[w / 4] = r->now + 100;
        break;
    }
}

/* The highest age of the ways other than skip (-1: of all), empty ways
 * included (they keep an age, as in nanoBench's simulator). */
static int highest_age(const refset_t *r, int skip)
{
    int i, m = 0;
    for (i = 0; i < r->assoc; i++)
        if (i != skip && r->age[i] > m)
            m = r->age[i];
    return m;
}

static int has_age3(const refset_t *r)
{
    int i;
    for (i = 0; i < r->assoc; i++)
        if (r->age[i] == 3)
            return 1;
    return 0;
}

/* QLRU's U rules as nanoBench's published simulator states them
 * (tools/CacheAnalyzer/cacheSim.py), over every way; accessed is -1 for
 * the update of a miss under _UMO. */
static void ref_qlru_update(refset_t *r, int accessed)
{
    int i, add;
    switch (r->p.update) {
    case 0:
        add = 3 - highest_age(r, -1);
        for (i = 0; i < r->assoc; i++)
            r->age[i] += add;
        break;
    case 1:
        add = 3 - highest_age(r, accessed);
        for (i = 0; i < r->assoc; i++)
            if (i != accessed)
                r->age[i] += add;
        break;
    case 2:
        if (!has_age3(r))
            for (i = 0; i < r->assoc; i++)
                r->age[i]++;
        break;
    default:
        if (!has_age3(r))
            for (i = 0; i < r->assoc; i++)
                if (i != accessed)
                    r->age[i]++;
        break;
    }
}

/* The victim of a full set: the leftmost age 3; without one, way 0 (R1)
 * or the leftmost of the highest age (R0, R2; cs_policy.h's choice). */
static int ref_qlru_victim(refset_t *r)
{
    int i, m;
    for (i = 0; i < r->assoc; i++)
        if (r->age[i] == 3)
            return i;
    if (r->p.replace == 1)
        return 0;
    m = highest_age(r, -1);
    for (i = 0; i < r->assoc; i++)
        if (r->age[i] == m)
            return i;
    abort();
}

/* One access of tag; returns 1 on a miss, *evicted the evicted tag or -1. */
static int ref_access(refset_t *r, long tag, long *evicted)
{
    int i, w = -1;
    r->now++;
    *evicted = -1;
    for (i = 0; i < r->assoc; i++)
        if (r->tag[i] == tag)
            w = i;
    if (w >= 0) {
        switch (r->kind) {
        case CS_POLICY_SRRIP:
        case CS_POLICY_BRRIP:
            r->age[w] = 0;
            break;
        case CS_POLICY_QLRU: {
            static const int fixed[2] = { 0, 0 };
            int old = r->age[w];
            r->age[w] = old == 3 ? r->p.hit_age[3] : old == 2 ? r->p.hit_age[2] : fixed[old];
            if (!r->p.update_on_miss_only)
                ref_qlru_update(r, w);
            break;
        }
        case CS_POLICY_FIFO:
        case CS_POLICY_RANDOM:
            break;
        default:
            ref_touch(r, w);
        }
        return 0;
    }
    /* miss: _UMO's update first; the leftmost empty way (qlru R2: the
     * rightmost), else the policy's choice */
    if (r->kind == CS_POLICY_QLRU && r->p.update_on_miss_only)
        ref_qlru_update(r, -1);
    if (r->kind == CS_POLICY_QLRU && r->p.replace == 2) {
        for (i = r->assoc - 1; i >= 0 && w < 0; i--)
            if (r->tag[i] < 0)
                w = i;
    } else {
        for (i = 0; i < r->assoc && w < 0; i++)
            if (r->tag[i] < 0)
                w = i;
    }
    if (w < 0) {
        unsigned long best;
        switch (r->kind) {
        case CS_POLICY_LRU:
        case CS_POLICY_FIFO:
            w = 0;
            best = r->stamp[0];
            for (i = 1; i < r->assoc; i++)
                if (r->stamp[i] < best) {
                    best = r->stamp[i];
                    w = i;
                }
            break;
        case CS_POLICY_RANDOM:
            w = (int)(((unsigned long long)ref_random(r) * (unsigned)r->assoc) >> 32);
            break;
        case CS_POLICY_TREE_PLRU:
            w = tree_pick(r->nodes, r->nnodes, 0, r->assoc);
            break;
        case CS_POLICY_BIT_PLRU:
            for (i = 0; i < r->assoc && w < 0; i++)
                if (!r->flag[i])
                    w = i;
            if (w < 0)          /* one way: its bit never clears */
                w = 0;
            break;
        case CS_POLICY_LRU3PLRU4: {
            int g = 0;
            for (i = 1; i < 3; i++)
                if (r->gstamp[i] < r->gstamp[g])
                    g = i;
            w = 4 * g + tree_pick(r->gnodes[g], 7, 0, 4);
            break;
        }
        case CS_POLICY_SRRIP:
        case CS_POLICY_BRRIP:
            for (;;) {
                for (i = 0; i < r->assoc && w < 0; i++)
                    if (r->age[i] == 3)
                        w = i;
                if (w >= 0)
                    break;
                for (i = 0; i < r->assoc; i++)
                    r->age[i]++;
            }
            break;
        case CS_POLICY_QLRU:
            w = ref_qlru_victim(r);
            break;
        }
        if (w < 0)
            abort();
        *evicted = r->tag[w];
    }
    r->tag[w] = tag;
    switch (r->kind) {
    case CS_POLICY_FIFO:
        r->stamp[w] = r->now;
        break;
    case CS_POLICY_SRRIP:
        r->age[w] = 2;
        break;
    case CS_POLICY_BRRIP:
        r->age[w] = (ref_random(r) % 32 == 0) ? 2 : 3;
        break;
    case CS_POLICY_QLRU:
        r->age[w] = r->p.insert_age;
        if (!r->p.update_on_miss_only)
            ref_qlru_update(r, w);
        break;
    case CS_POLICY_RANDOM:
        break;
    default:
        ref_touch(r, w);
    }
    return 1;
}

/* Invalidate tag if present (its way becomes empty). */
static void ref_remove(refset_t *r, long tag)
{
    int i;
    for (i = 0; i < r->assoc; i++)
        if (r->tag[i] == tag) {
            r->tag[i] = -1;
            r->flag[i] = 0;
            r->stamp[i] = 0;
        }
}

/* ---------------------------------------------------------------------
 * The model under test
 * --------------------------------------------------------------------- */

static cs_policy_cache_t make(const cs_policy_t *p, unsigned long sets, unsigned long assoc,
                              unsigned long long seed)
{
    cs_geometry_t g = { sets * assoc * 64, assoc, 64 };
    cs_policy_cache_t c;
    const char *err;
    if (cs_geometry_check(&g, &err) != 0 || cs_policy_check(p, assoc, &err) != 0) {
        fprintf(stderr, "bad test cache: %s\n", err);
        exit(2);
    }
    cs_policy_init(&c, &g, p, seed, calloc(1, cs_policy_storage_bytes(&g, p)), 0);
    return c;
}

/* A copy of everything a cache's state is, to see whether a step changed it. */
typedef struct { unsigned char *bytes; unsigned long n; unsigned long long rng; } snap_t;

static unsigned long state_bytes(const cs_policy_cache_t *c)
{
    unsigned long sets = c->set_mask + 1;
    cs_geometry_t g = { sets * c->assoc * 64, c->assoc, 64 };
    return cs_policy_storage_bytes(&g, &c->policy);
}

static snap_t snapshot(const cs_policy_cache_t *c)
{
    snap_t s;
    s.n = state_bytes(c);
    s.bytes = malloc(s.n);
    memcpy(s.bytes, c->lines, s.n);
    s.rng = c->rng;
    return s;
}

/* The memo (last accessed way) may change on a no-op hit; everything that
 * decides future behaviour must not.  The memo is the last region. */
static int same_state(const cs_policy_cache_t *c, const snap_t *s)
{
    unsigned long memo = c->mru != 0 ? (unsigned long)((unsigned char *)c->mru - (unsigned char *)c->lines) : s->n;
    return memcmp(s->bytes, c->lines, memo) == 0 && s->rng == c->rng;
}

static unsigned long long rnd_state = 88172645463325252ULL;
static unsigned long long rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

/* A random stream over `lines_per_set` lines per set, some removals; the
 * model and one reference per set must agree on every hit/miss and every
 * evicted line.  Returns the number of disagreements. */
static unsigned long run_against_reference(const cs_policy_t *p, unsigned long sets,
                                           unsigned long assoc, unsigned long lines_per_set,
                                           unsigned long steps, int *fast_violations,
                                           unsigned long *misses_out)
{
    unsigned long long seed = rnd();
    cs_policy_cache_t c = make(p, sets, assoc, seed);
    refset_t *ref = malloc(sets * sizeof *ref);
    unsigned long i, bad = 0, misses = 0;
    unsigned long long rng = ref_splitmix(seed);

    if (rng == 0)
        rng = 1;
    for (i = 0; i < sets; i++)
        ref_init(&ref[i], p, (int)assoc, &rng);
    for (i = 0; i < steps; i++) {
        unsigned long set = rnd() % sets;
        /* skewed: recent lines are more likely, as in real streams */
        unsigned long which = (rnd() % 4 == 0) ? rnd() % lines_per_set
                                               : rnd() % (assoc > 2 ? assoc / 2 + 1 : 1);
        unsigned long block = which * sets + set;
        cs_line_t key = cs_line_key(block, c.line_bits);
        long evicted_ref;
        cs_line_t evicted;
        int miss, miss_ref;

        if (rnd() % 50 == 0) {
            long w = cs_policy_find(&c, set, key);
            if (w >= 0)
                cs_policy_remove(&c, set, (unsigned long)w);
            ref_remove(&ref[set], (long)block);
            continue;
        }
        {
            cs_line_t *slot = cs_policy_fast_slot(&c, set);
            int fast = slot != 0 && cs_line_holds(*slot, key);
            snap_t s = snapshot(&c);
            miss = cs_policy_ref(&c, set, key, 0, &evicted);
            miss_ref = ref_access(&ref[set], (long)block, &evicted_ref);
            if (fast && (miss || !same_state(&c, &s)))
                (*fast_violations)++;
            free(s.bytes);
        }
        misses += (unsigned long)miss;
        if (miss != miss_ref)
            bad++;
        else if (miss && (evicted == 0 ? -1L : (long)(evicted >> c.line_bits)) != evicted_ref)
            bad++;
    }
    free(ref);
    free(c.lines);
    if (misses_out)
        *misses_out = misses;
    return bad;
}

static cs_policy_t parse_ok(const char *name)
{
    cs_policy_t p;
    const char *err = 0;
    if (cs_policy_parse(name, &p, &err) != 0) {
        fprintf(stderr, "cannot parse %s: %s\n", name, err);
        exit(2);
    }
    return p;
}

static void test_names(void)
{
    static const char *const good[] = {
        "lru", "fifo", "random", "tree-plru", "bit-plru", "lru3plru4", "srrip", "brrip",
        "qlru:H11_M1_R0_U0", "qlru:H00_M1_R2_U1", "qlru:H21_M2_R0_U0_UMO", "qlru:H00_M3_R1_U3",
    };
    static const char *const bad[] = {
        "", "LRU2", "plru", "qlru", "qlru:", "qlru:H1_M1_R0_U0", "qlru:H11_M4_R0_U0",
        "qlru:H11_M1_R3_U0", "qlru:H11_M1_R0_U4", "qlru:H11_M1_R0_U0_", "qlru:H11_M1_R0_U0_UM",
        "qlru:H11_M1_R0_U0x", "qlru:H41_M1_R0_U0", "lru ", "srrip2",
    };
    char buf[64];
    unsigned k;
    const char *err;
    cs_policy_t p;

    for (k = 0; k < sizeof good / sizeof good[0]; k++) {
        p = parse_ok(good[k]);
        cs_policy_name(&p, buf, sizeof buf);
        CHECK(strcmp(buf, good[k]) == 0);
    }
    /* uops.info's spelling, any case */
    p = parse_ok("QLRU_H11_M1_R0_U0");
    cs_policy_name(&p, buf, sizeof buf);
    CHECK(strcmp(buf, "qlru:H11_M1_R0_U0") == 0);
    p = parse_ok("Tree-PLRU");
    CHECK_EQ(p.kind, CS_POLICY_TREE_PLRU);
    p = parse_ok("qlru:h21_m1_r0_u0_umo");
    CHECK_EQ(p.hit_age[3], 2);
    CHECK_EQ(p.hit_age[2], 1);
    CHECK_EQ(p.insert_age, 1);
    CHECK_EQ(p.update_on_miss_only, 1);
    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        err = 0;
        CHECK(cs_policy_parse(bad[k], &p, &err) != 0);
        CHECK(err != 0 && strlen(err) > 20);
    }
    CHECK(cs_policy_parse("qlru:H11", &p, &err) != 0 && strstr(err, "QLRU") != 0);
    CHECK(cs_policy_parse("belady", &p, &err) != 0 && strstr(err, "tree-plru") != 0);
    /* the name is cut to the buffer but its length reported */
    p = parse_ok("qlru:H11_M1_R0_U0_UMO");
    CHECK_EQ(cs_policy_name(&p, buf, 5), 21);
    CHECK(strcmp(buf, "qlru") == 0);
    /* associativity limits */
    p = parse_ok("tree-plru");
    CHECK(cs_policy_check(&p, 8, &err) == 0);
    CHECK(cs_policy_check(&p, 12, &err) != 0 && strstr(err, "power-of-two") != 0);
    p = parse_ok("lru3plru4");
    CHECK(cs_policy_check(&p, 12, &err) == 0);
    CHECK(cs_policy_check(&p, 16, &err) != 0);
    p = parse_ok("bit-plru");
    CHECK(cs_policy_check(&p, 64, &err) == 0);
    CHECK(cs_policy_check(&p, 65, &err) != 0);
    p = parse_ok("lru");
    CHECK(cs_policy_check(&p, 1024, &err) == 0);
    p = parse_ok("srrip");
    CHECK(cs_policy_check(&p, 256, &err) != 0);
}

/* Hand-worked sequences, so that a reader can check the references too. */
static void test_worked_examples(void)
{
    cs_line_t ev;
    /* tree-plru, 4 ways, one set: fill A B C D (each fill points the tree
     * away), then E replaces the way the bits lead to. */
    {
        cs_policy_t p = parse_ok("tree-plru");
        cs_policy_cache_t c = make(&p, 1, 4, 1);
        unsigned long b;
        for (b = 1; b <= 4; b++)
            CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(b, 6), 0, &ev), 1);
        /* after D (way 3) the root points left (C and D were on the right)
         * and node 2 (ways 0-1) points left (B, way 1, was set last) */
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(5, 6), 0, &ev), 1);
        CHECK_EQ(ev >> 6, 1);                  /* A evicted */
        /* E in way 0 turns the root right; node 3 (ways 2-3) was last set
         * by D, way 3, so it points left: C (way 2) goes */
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(6, 6), 0, &ev), 1);
        CHECK_EQ(ev >> 6, 3);                  /* C evicted */
        free(c.lines);
    }
    /* srrip, 2 ways: A B fill with 2; C: none at 3, both go to 3, the
     * leftmost (A) goes; a hit on B sets 0; D: C is at 2 -> 3, B 0 -> 1:
     * C goes. */
    {
        cs_policy_t p = parse_ok("srrip");
        cs_policy_cache_t c = make(&p, 1, 2, 1);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(1, 6), 0, &ev), 1);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(2, 6), 0, &ev), 1);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(3, 6), 0, &ev), 1);
        CHECK_EQ(ev >> 6, 1);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(2, 6), 0, &ev), 0);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(4, 6), 0, &ev), 1);
        CHECK_EQ(ev >> 6, 3);
        free(c.lines);
    }
    /* qlru:H11_M1_R0_U0, 4 ways, nanoBench's rules: every way starts at
     * age 3, so while the set has an empty way U0 lifts nothing: A, B, C
     * get age 1; D fills the set, 1,1,1,1, and U0 lifts it by 2: 3,3,3,3.
     * E replaces the leftmost age 3 (A) with age 1: 1,3,3,3.  A hit on C:
     * 3 -> 1: 1,3,1,3.  F replaces the leftmost 3, which is B (way 1). */
    {
        cs_policy_t p = parse_ok("qlru:H11_M1_R0_U0");
        cs_policy_cache_t c = make(&p, 1, 4, 1);
        unsigned long b;
        for (b = 1; b <= 4; b++)
            CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(b, 6), 0, &ev), 1);
        CHECK_EQ(c.ages[0] + c.ages[1] + c.ages[2] + c.ages[3], 12);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(5, 6), 0, &ev), 1);
        CHECK_EQ(ev >> 6, 1);
        CHECK_EQ(c.ages[0], 1);
        CHECK_EQ(c.ages[1] + c.ages[2] + c.ages[3], 9);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(3, 6), 0, &ev), 0);
        CHECK_EQ(c.ages[2], 1);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(6, 6), 0, &ev), 1);
        CHECK_EQ(ev >> 6, 2);
        free(c.lines);
    }
    /* qlru:H00_M1_R2_U1 (Skylake's L2 at uops.info), 4 ways: R2 fills the
     * rightmost empty way: A way 3, B way 2, C way 1, D way 0, each age 1;
     * after D, U1 lifts the others (highest 1) by 2: 1,3,3,3.  E replaces
     * the leftmost age 3, way 1 (C): 1,1,3,3.  A hit on D (way 0): 1 -> 0,
     * the others keep a 3.  F replaces way 2 (B). */
    {
        cs_policy_t p = parse_ok("qlru:H00_M1_R2_U1");
        cs_policy_cache_t c = make(&p, 1, 4, 1);
        unsigned long b;
        for (b = 1; b <= 4; b++)
            CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(b, 6), 0, &ev), 1);
        CHECK_EQ(c.lines[3] >> 6, 1);
        CHECK_EQ(c.lines[0] >> 6, 4);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(5, 6), 0, &ev), 1);
        CHECK_EQ(ev >> 6, 3);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(4, 6), 0, &ev), 0);
        CHECK_EQ(c.ages[0], 0);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(6, 6), 0, &ev), 1);
        CHECK_EQ(ev >> 6, 2);
        free(c.lines);
    }
    /* qlru:H21_M2_R0_U0_UMO, 2 ways: the update runs on misses only,
     * before the choice.  A: nothing to lift (empty ways are at 3), way 0,
     * age 2: 2,3.  B: way 1, age 2: 2,2.  A hit on A: 2 -> 1, no update:
     * 1,2.  C: the update lifts by 1: 2,3; the leftmost 3 is B's way. */
    {
        cs_policy_t p = parse_ok("qlru:H21_M2_R0_U0_UMO");
        cs_policy_cache_t c = make(&p, 1, 2, 1);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(1, 6), 0, &ev), 1);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(2, 6), 0, &ev), 1);
        CHECK_EQ(c.ages[0] + c.ages[1], 4);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(1, 6), 0, &ev), 0);
        CHECK_EQ(c.ages[0], 1);
        CHECK_EQ(cs_policy_ref(&c, 0, cs_line_key(3, 6), 0, &ev), 1);
        CHECK_EQ(ev >> 6, 2);
        CHECK_EQ(c.ages[0], 2);
        CHECK_EQ(c.ages[1], 2);
        free(c.lines);
    }
    /* lru keeps Cachegrind's layout: way 0 is the MRU line */
    {
        cs_policy_t p = parse_ok("lru");
        cs_policy_cache_t c = make(&p, 1, 4, 1);
        cs_policy_ref(&c, 0, cs_line_key(1, 6), 0, &ev);
        cs_policy_ref(&c, 0, cs_line_key(2, 6), 0, &ev);
        cs_policy_ref(&c, 0, cs_line_key(1, 6), CS_LINE_DIRTY, &ev);
        CHECK_EQ(c.lines[0], (1UL << 6) | CS_LINE_VALID | CS_LINE_DIRTY);
        CHECK_EQ(c.lines[1], (2UL << 6) | CS_LINE_VALID);
        /* removing closes the gap: empty ways stay at the end */
        cs_policy_remove(&c, 0, 0);
        CHECK_EQ(c.lines[0], (2UL << 6) | CS_LINE_VALID);
        CHECK_EQ(c.lines[1], 0);
        free(c.lines);
    }
}

/* The per-set mirrors of the fast exit (cs_policy_set_mirrors), on a
 * random stream of reads, writes, prefetch-style fills, removals and a
 * flush: whenever a mirror claims that an access may skip the model, the
 * model must agree (a hit that changes no state), and after every step
 * each mirror entry must be what the set's state says.  Returns the
 * number of wrong claims and stale entries. */
static unsigned long check_mirrors(const char *name, unsigned long sets, unsigned long assoc,
                                   unsigned long steps, int cachegrind_start)
{
    cs_policy_t p = parse_ok(name);
    cs_geometry_t g = { sets * assoc * 64, assoc, 64 };
    cs_policy_cache_t c;
    cs_line_t *rd = malloc(sets * sizeof *rd), *wr = malloc(sets * sizeof *wr);
    unsigned long i, bad = 0, claims = 0;

    cs_policy_init(&c, &g, &p, 7, calloc(1, cs_policy_storage_bytes(&g, &p)), cachegrind_start);
    cs_policy_set_mirrors(&c, rd, wr);
    for (i = 0; i < steps; i++) {
        unsigned long set = rnd() % sets;
        unsigned long block = (rnd() % (assoc + 3)) * sets + set;
        cs_line_t key = cs_line_key(block, c.line_bits), evicted;
        unsigned op = (unsigned)(rnd() % 20);
        unsigned long s2;

        if (op == 0) {                      /* a line leaves (back-invalidation) */
            long w = cs_policy_find(&c, set, key);
            if (w >= 0)
                cs_policy_remove(&c, set, (unsigned long)w);
        } else if (op == 1) {               /* a prefetch fill */
            if (cs_policy_find(&c, set, key) < 0)
                cs_policy_fill(&c, set, key | CS_LINE_PREFETCHED, 0);
        } else if (i == steps / 2) {
            cs_policy_flush(&c, cachegrind_start);
        } else {
            int write = op < 8;
            cs_line_t *mirror = write ? wr : rd;
            if (mirror[set] == (block << c.line_bits)) {
                snap_t before = snapshot(&c);
                claims++;
                if (cs_policy_lookup(&c, set, key, write ? CS_LINE_DIRTY : 0,
                                     CS_LINE_PREFETCHED) == 0 || !same_state(&c, &before))
                    bad++;
                free(before.bytes);
            } else {
                cs_policy_ref(&c, set, key, write ? CS_LINE_DIRTY : 0, &evicted);
            }
        }
        for (s2 = 0; s2 < sets; s2++) {
            cs_line_t *slot = cs_policy_fast_slot(&c, s2);
            cs_line_t e = slot ? *slot : 0;
            int ok = (e & (CS_LINE_VALID | CS_LINE_PREFETCHED)) == CS_LINE_VALID;
            if (rd[s2] != (ok ? e & ~CS_LINE_FLAGS : CS_POLICY_NO_LINE)
                || wr[s2] != (ok && (e & CS_LINE_DIRTY) ? e & ~CS_LINE_FLAGS : CS_POLICY_NO_LINE))
                bad++;
        }
    }
    if (bad != 0)
        fprintf(stderr, "mirrors of %s, %lu ways: %lu wrong\n", name, assoc, bad);
    /* the stream exercises the claims (every policy but qlru U2/U3 has some) */
    if (c.fast != CS_POLICY_FAST_NONE && claims < steps / 200) {
        fprintf(stderr, "mirrors of %s: only %lu claims\n", name, claims);
        bad++;
    }
    free(c.lines);
    free(rd);
    free(wr);
    return bad;
}

static void test_mirrors(void)
{
    static const char *const names[] = {
        "lru", "fifo", "random", "tree-plru", "bit-plru", "srrip", "brrip",
        "qlru:H00_M1_R2_U1", "qlru:H11_M1_R0_U0", "qlru:H00_M1_R0_U1", "qlru:H11_M1_R1_U2",
        "qlru:H21_M2_R0_U0_UMO",
    };
    unsigned k;
    for (k = 0; k < sizeof names / sizeof names[0]; k++) {
        CHECK_EQ(check_mirrors(names[k], 4, 8, 20000, 0), 0);
        CHECK_EQ(check_mirrors(names[k], 2, 4, 20000, 0), 0);
    }
    CHECK_EQ(check_mirrors("lru3plru4", 4, 12, 20000, 0), 0);
    CHECK_EQ(check_mirrors("lru", 4, 8, 20000, 1), 0);
    CHECK_EQ(check_mirrors("lru", 8, 1, 20000, 0), 0);
}

/* The storage of a cache, set by set: a policy with ages keeps each set's
 * ages right after its lines (one place of the host's memory for both);
 * filling and hitting every way of every set finds every line again and
 * writes nothing past cs_policy_storage_bytes().  Returns the failures. */
static unsigned long check_storage(const char *name, unsigned long sets, unsigned long assoc)
{
    cs_policy_t p = parse_ok(name);
    cs_geometry_t g = { sets * assoc * 64, assoc, 64 };
    unsigned long bytes = cs_policy_storage_bytes(&g, &p), set, w, i, bad = 0;
    unsigned char *mem = calloc(1, bytes + 64);
    cs_policy_cache_t c;
    int ages = p.kind == CS_POLICY_SRRIP || p.kind == CS_POLICY_BRRIP || p.kind == CS_POLICY_QLRU;

    memset(mem + bytes, 0xa5, 64);
    cs_policy_init(&c, &g, &p, 7, mem, 0);
    for (set = 0; set < sets; set++) {
        if (ages && cs_policy_set_ages(&c, set) != (unsigned char *)(cs_policy_set_lines(&c, set) + assoc))
            bad++;
        for (w = 0; w < assoc; w++)
            cs_policy_fill(&c, set, cs_line_key(w * sets + set, c.line_bits) | CS_LINE_DIRTY, 0);
    }
    for (set = 0; set < sets; set++)
        for (w = 0; w < assoc; w++) {
            cs_line_t key = cs_line_key(w * sets + set, c.line_bits);
            if (cs_policy_find(&c, set, key) < 0
                || cs_policy_lookup(&c, set, key, 0, 0) != (key | CS_LINE_DIRTY))
                bad++;
            if (ages && cs_policy_set_ages(&c, set)[w] > 3)
                bad++;
        }
    for (i = 0; i < 64; i++)
        if (mem[bytes + i] != 0xa5)
            bad++;
    if (bad != 0)
        fprintf(stderr, "storage of %s, %lu sets of %lu ways: %lu wrong\n", name, sets, assoc, bad);
    free(mem);
    return bad;
}

static void test_storage(void)
{
    static const char *const names[] = {
        "lru", "fifo", "random", "bit-plru", "srrip", "brrip",
        "qlru:H00_M1_R2_U1", "qlru:H11_M1_R0_U0", "qlru:H00_M1_R0_U1", "qlru:H21_M2_R0_U0_UMO",
    };
    static const unsigned long assocs[] = { 1, 2, 3, 4, 8, 12, 16 };
    unsigned k, a;
    for (k = 0; k < sizeof names / sizeof names[0]; k++)
        for (a = 0; a < sizeof assocs / sizeof assocs[0]; a++)
            CHECK_EQ(check_storage(names[k], 16, assocs[a]), 0);
    CHECK_EQ(check_storage("tree-plru", 16, 8), 0);
    CHECK_EQ(check_storage("lru3plru4", 16, 12), 0);
}

int main(void)
{
    static const char *const policies[] = {
        "lru", "fifo", "random", "tree-plru", "bit-plru", "srrip", "brrip",
    };
    static const unsigned long assocs[] = { 1, 2, 4, 8, 16 };
    unsigned k, a;
    int fast_violations = 0;

    test_names();
    test_worked_examples();
    test_mirrors();
    test_storage();

    for (k = 0; k < sizeof policies / sizeof policies[0]; k++)
        for (a = 0; a < sizeof assocs / sizeof assocs[0]; a++) {
            cs_policy_t p = parse_ok(policies[k]);
            unsigned long misses = 0;
            unsigned long bad = run_against_reference(&p, 4, assocs[a], assocs[a] * 2 + 2,
                                                      40000, &fast_violations, &misses);
            if (bad != 0)
                fprintf(stderr, "%s, %lu ways: %lu disagreements\n", policies[k], assocs[a], bad);
            CHECK_EQ(bad, 0);
            CHECK(misses > 1000 && misses < 39000);   /* the stream tests both */
        }
    /* non-power-of-two ways where the policy allows them */
    {
        static const char *const any_ways[] = { "lru", "fifo", "random", "bit-plru", "srrip",
                                                "brrip", "qlru:H11_M1_R0_U0", "qlru:H00_M1_R2_U1" };
        for (k = 0; k < sizeof any_ways / sizeof any_ways[0]; k++) {
            cs_policy_t p = parse_ok(any_ways[k]);
            CHECK_EQ(run_against_reference(&p, 2, 12, 26, 30000, &fast_violations, 0), 0);
            CHECK_EQ(run_against_reference(&p, 2, 6, 14, 30000, &fast_violations, 0), 0);
        }
    }
    {
        cs_policy_t p = parse_ok("lru3plru4");
        CHECK_EQ(run_against_reference(&p, 4, 12, 26, 60000, &fast_violations, 0), 0);
    }
    /* every QLRU variant the name can spell */
    {
        unsigned h3, h2, m, r, u, umo, failing = 0, variants = 0;
        for (h3 = 0; h3 < 4; h3++)
            for (h2 = 0; h2 < 4; h2++)
                for (m = 0; m < 4; m++)
                    for (r = 0; r < 3; r++)
                        for (u = 0; u < 4; u++)
                            for (umo = 0; umo < 2; umo++) {
                                char name[40];
                                cs_policy_t p;
                                snprintf(name, sizeof name, "qlru:H%u%u_M%u_R%u_U%u%s", h3, h2, m,
                                         r, u, umo ? "_UMO" : "");
                                p = parse_ok(name);
                                variants++;
                                /* at each number of ways that has its own
                                 * copy of the code (policy.c's variants) */
                                if (run_against_reference(&p, 2, 8, 12, 1500, &fast_violations,
                                                          0) != 0
                                    || run_against_reference(&p, 2, 4, 7, 1000, &fast_violations,
                                                             0) != 0
                                    || run_against_reference(&p, 2, 12, 17, 1000,
                                                             &fast_violations, 0) != 0
                                    || run_against_reference(&p, 2, 16, 22, 1000,
                                                             &fast_violations, 0) != 0) {
                                    if (failing++ < 5)
                                        fprintf(stderr, "%s disagrees\n", name);
                                }
                            }
        CHECK_EQ(variants, 1536);
        CHECK_EQ(failing, 0);
        /* longer runs for the variants the presets use */
        {
            static const char *const used[] = { "qlru:H00_M1_R2_U1", "qlru:H11_M1_R0_U0",
                                                 "qlru:H00_M1_R0_U1", "qlru:H11_M1_R1_U2",
                                                 "qlru:H21_M2_R0_U0_UMO" };
            for (k = 0; k < sizeof used / sizeof used[0]; k++) {
                cs_policy_t p = parse_ok(used[k]);
                CHECK_EQ(run_against_reference(&p, 8, 16, 40, 100000, &fast_violations, 0), 0);
            }
        }
    }
    /* a hit that the fast exit allows never changed any state */
    CHECK_EQ(fast_violations, 0);
    return unit_finish("test_policy");
}
