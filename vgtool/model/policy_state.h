/* policy_state.h - the per-set state of each replacement policy and its
 * primitive updates: recency order (lru, fifo), tree pseudo-LRU bits,
 * lru3plru4's groups, and the ages of srrip, brrip and qlru.
 *
 * Private to policy.c, which includes it once: these are static inline
 * helpers that must inline into each specialised hit, fill and lookup
 * copy there (with the number of ways and the policy known), so they
 * live in a header rather than in a .c file of their own. */
#ifndef CACHESIM_MODEL_POLICY_STATE_H
#define CACHESIM_MODEL_POLICY_STATE_H

#include "policy.h"

/* The age of every way at the start (srrip, brrip, qlru), as in nanoBench's
 * simulator: an empty way counts as age 3 in the updates, and a way keeps
 * its age when its line is removed. */
#define START_AGE 3u

/* lru3plru4 keeps its group order in bits 16..21 of the set's word: two
 * bits per place, the most recent group first. */
#define GROUP_ORDER_SHIFT 16
#define GROUP_ORDER_START ((0ULL << 16) | (1ULL << 18) | (2ULL << 20))

/* ---------------------------------------------------------------------
 * Recency-ordered sets (lru, fifo)
 * --------------------------------------------------------------------- */

static void move_to_front(cs_line_t *l, unsigned long way)
{
    cs_line_t e = l[way];
    for (; way > 0; way--)
        l[way] = l[way - 1];
    l[0] = e;
}

/* Look up key in an lru set of a constant number of ways (4, 8 or 16) and
 * move it to way 0, without data-dependent branches (the host mispredicts
 * the early exits of a search loop about once per call, which costs more
 * than looking at every way); returns the entry before the update, or 0.
 * The update ORs `set` into the entry and clears `clear`. */
static inline __attribute__((always_inline)) cs_line_t
lru_lookup_fixed(cs_line_t *l, cs_line_t key, cs_line_t set, cs_line_t clear, unsigned long assoc)
{
    long found = cs_policy_find_fixed(l, key, assoc);
    unsigned long way = (unsigned long)found, i;
    cs_line_t e;
    if (found < 0)
        return 0;
    e = l[way];
#pragma GCC unroll 16
    for (i = assoc - 1; i > 0; i--)
        l[i] = i <= way ? l[i - 1] : l[i];
    l[0] = (e | set) & ~clear;
    return e;
}

static inline __attribute__((always_inline)) cs_line_t
lru_lookup(cs_line_t *l, cs_line_t key, cs_line_t set, cs_line_t clear,
                            unsigned long assoc)
{
    unsigned long w;
    cs_line_t e;
    switch (assoc) {
    case 4:
        return lru_lookup_fixed(l, key, set, clear, 4);
    case 8:
        return lru_lookup_fixed(l, key, set, clear, 8);
    case 16:
        return lru_lookup_fixed(l, key, set, clear, 16);
    default:
        for (w = 0; w < assoc; w++)
            if (cs_line_holds(l[w], key)) {
                e = l[w];
                move_to_front(l, w);
                l[0] = (e | set) & ~clear;
                return e;
            }
        return 0;
    }
}

/* Shift every way down one place (the last one drops out) and put entry in
 * way 0; constant sizes compile to a few vector moves. */
static inline __attribute__((always_inline)) cs_line_t lru_push(cs_line_t *l, cs_line_t entry, unsigned long assoc)
{
    cs_line_t old = l[assoc - 1];
    unsigned long i;
    switch (assoc) {
    case 4:
        l[3] = l[2]; l[2] = l[1]; l[1] = l[0];
        break;
    case 8:
#pragma GCC unroll 8
        for (i = 7; i > 0; i--)
            l[i] = l[i - 1];
        break;
    case 16:
#pragma GCC unroll 16
        for (i = 15; i > 0; i--)
            l[i] = l[i - 1];
        break;
    default:
        for (i = assoc - 1; i > 0; i--)
            l[i] = l[i - 1];
    }
    l[0] = entry;
    return old;
}

/* ---------------------------------------------------------------------
 * Tree pseudo-LRU: node n's bit at bit n; leaves are nodes assoc..2*assoc-1.
 * --------------------------------------------------------------------- */

/* The bits an access of way w sets and clears in an 8-way tree (nodes 1,
 * 2 + w/4 and 4 + w/2 on its path; each points away from w). */
#define TREE8_PATH(w) ((1u << 1) | (1u << (2 + ((w) >> 2))) | (1u << (4 + ((w) >> 1))))
#define TREE8_AWAY(w) (((((w) >> 2) ^ 1) & 1) << 1 | ((((w) >> 1) ^ 1) & 1) << (2 + ((w) >> 2)) \
                       | (((w) ^ 1) & 1) << (4 + ((w) >> 1)))
static const unsigned char tree8_path[8] = {
    TREE8_PATH(0), TREE8_PATH(1), TREE8_PATH(2), TREE8_PATH(3),
    TREE8_PATH(4), TREE8_PATH(5), TREE8_PATH(6), TREE8_PATH(7),
};
static const unsigned char tree8_away[8] = {
    TREE8_AWAY(0), TREE8_AWAY(1), TREE8_AWAY(2), TREE8_AWAY(3),
    TREE8_AWAY(4), TREE8_AWAY(5), TREE8_AWAY(6), TREE8_AWAY(7),
};

static inline __attribute__((always_inline)) cs_policy_bits_t
tree_touch(cs_policy_bits_t bits, unsigned long way, unsigned long assoc)
{
    unsigned long node = way + assoc, level;
    if (__builtin_constant_p(assoc) && assoc == 8)
        return (bits & ~(cs_policy_bits_t)tree8_path[way]) | tree8_away[way];
    /* one step per level (log2(assoc) of them: unrolled for a constant
     * number of ways) */
    for (level = assoc; level > 1; level >>= 1) {
        unsigned long parent = node >> 1;
        /* point away: a left child (even node) sets its parent's bit;
         * without a branch, which the host would mispredict on about
         * every other level */
        bits = (bits & ~(1ULL << parent)) | ((cs_policy_bits_t)(~node & 1) << parent);
        node = parent;
    }
    return bits;
}

static inline __attribute__((always_inline)) unsigned long tree_victim(cs_policy_bits_t bits, unsigned long assoc)
{
    unsigned long node = 1;
    while (node < assoc)
        node = 2 * node + ((bits >> node) & 1);
    return node - assoc;
}

/* ---------------------------------------------------------------------
 * lru3plru4: group g's tree uses bits 4g+1..4g+3 (its nodes 1..3).
 * --------------------------------------------------------------------- */

static unsigned long group_at(cs_policy_bits_t bits, unsigned place)
{
    return (bits >> (GROUP_ORDER_SHIFT + 2 * place)) & 3;
}

static inline cs_policy_bits_t lru3plru4_touch(cs_policy_bits_t bits, unsigned long way)
{
    unsigned long g = way >> 2;
    unsigned long tree = (bits >> (4 * g)) & 0xf;
    unsigned long order[3], k, n = 0;

    tree = tree_touch(tree, way & 3, 4);
    bits = (bits & ~(0xfUL << (4 * g))) | (tree << (4 * g));
    if (group_at(bits, 0) == g)
        return bits;        /* already the most recent group: the usual case */
    order[n++] = g;
    for (k = 0; k < 3; k++)
        if (group_at(bits, (unsigned)k) != g)
            order[n++] = group_at(bits, (unsigned)k);
    bits &= ~(0x3fUL << GROUP_ORDER_SHIFT);
    for (k = 0; k < 3; k++)
        bits |= order[k] << (GROUP_ORDER_SHIFT + 2 * k);
    return bits;
}

static inline __attribute__((always_inline)) unsigned long lru3plru4_victim(cs_policy_bits_t bits)
{
    unsigned long g = group_at(bits, 2);
    return 4 * g + tree_victim((bits >> (4 * g)) & 0xf, 4);
}

/* ---------------------------------------------------------------------
 * Ages: srrip, brrip, qlru.  Only valid ways take part.
 * --------------------------------------------------------------------- */

/* Eight ages at a time: the ways of a given age as one bit per byte.
 * Little-endian hosts only (the byte order decides which way is which);
 * elsewhere a plain loop. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define AGES_BY_WORD 1
#define ONES 0x0101010101010101ULL
#define LOW7 0x7f7f7f7f7f7f7f7fULL

/* One 0x80 bit in each byte of the 8 ages at p that equals a (exact). */
static inline unsigned long long ages_equal(const unsigned char *p, unsigned a)
{
    unsigned long long x, y;
    __builtin_memcpy(&x, p, 8);
    x ^= ONES * a;
    y = ((x & LOW7) + LOW7) | x;
    return ~(y | LOW7);
}

/* The same for the 4 ages at p (a set of 4 ways: Skylake's L2). */
static inline unsigned ages_equal4(const unsigned char *p, unsigned a)
{
    unsigned x, y;
    __builtin_memcpy(&x, p, 4);
    x ^= 0x01010101u * a;
    y = ((x & 0x7f7f7f7fu) + 0x7f7f7f7fu) | x;
    return ~(y | 0x7f7f7f7fu);
}
#endif

/* A constant 4 ways, where ages can be handled as one 32-bit word. */
#define FOUR_WAYS(assoc) (__builtin_constant_p(assoc) && (assoc) == 4)

/* The leftmost (or rightmost) way of age a, or -1. */
static inline __attribute__((always_inline)) long way_of_age(const unsigned char *age, unsigned long assoc, unsigned a, int rightmost)
{
    unsigned long i;
#ifdef AGES_BY_WORD
    if (FOUR_WAYS(assoc)) {
        unsigned z = ages_equal4(age, a);
        if (z == 0)
            return -1;
        return rightmost ? (long)((31 - __builtin_clz(z)) / 8) : (long)(__builtin_ctz(z) / 8);
    }
    if (!rightmost) {
        for (i = 0; i + 8 <= assoc; i += 8) {
            unsigned long long z = ages_equal(age + i, a);
            if (z != 0)
                return (long)(i + (unsigned long)__builtin_ctzll(z) / 8);
        }
        for (; i < assoc; i++)
            if (age[i] == a)
                return (long)i;
        return -1;
    }
    i = assoc;
    while (i >= 8) {
        unsigned long long z = ages_equal(age + i - 8, a);
        if (z != 0)
            return (long)(i - 8 + (63 - (unsigned long)__builtin_clzll(z)) / 8);
        i -= 8;
    }
    while (i-- > 0)
        if (age[i] == a)
            return (long)i;
    return -1;
#else
    if (!rightmost) {
        for (i = 0; i < assoc; i++)
            if (age[i] == a)
                return (long)i;
        return -1;
    }
    for (i = assoc; i-- > 0;)
        if (age[i] == a)
            return (long)i;
    return -1;
#endif
}

/* The highest age of the set's ways. */
static inline __attribute__((always_inline)) unsigned max_age(const unsigned char *age, unsigned long assoc)
{
    unsigned m = 0;
    unsigned long w;
#ifdef AGES_BY_WORD
    if (FOUR_WAYS(assoc)) {
        /* ages are 0..3: bit 1 in some way gives 2 or 3, else bit 0 gives 1 */
        unsigned x;
        __builtin_memcpy(&x, age, 4);
        if (x & 0x02020202u)
            return ages_equal4(age, 3) != 0 ? 3 : 2;
        return (x & 0x01010101u) != 0;
    }
#endif
    for (w = 0; w < assoc; w++)
        if (age[w] > m)
            m = age[w];
    return m;
}

/* Add to the ages of every way. */
static inline __attribute__((always_inline)) void add_ages(unsigned char *age, unsigned long assoc, unsigned add)
{
    unsigned long w;
    if (FOUR_WAYS(assoc)) {
        /* no carry: every age stays at most 3 */
        unsigned x;
        __builtin_memcpy(&x, age, 4);
        x += 0x01010101u * add;
        __builtin_memcpy(age, &x, 4);
        return;
    }
    for (w = 0; w < assoc; w++)
        age[w] = (unsigned char)(age[w] + add);
}

/* The U rule after an access of way `accessed`, or of no way (-1: an
 * update on a miss, _UMO), over every way, empty ones with their ages. */
static inline __attribute__((always_inline)) void
qlru_update(const cs_policy_t *p, unsigned char *age, unsigned long assoc,
                        long accessed)
{
    /* U1 and U3 leave the accessed way out: it counts as age 0 meanwhile,
     * which neither is 3 nor raises the highest age */
    int others = (p->update & 1) && accessed >= 0;
    unsigned char kept = 0;
    /* U3 asks whether any way, the accessed one too, has age 3 */
    if (p->update == 3 && way_of_age(age, assoc, 3, 0) >= 0)
        return;
    if (others) {
        kept = age[accessed];
        age[accessed] = 0;
    }
    if (way_of_age(age, assoc, 3, 0) < 0)      /* the usual case: there is one */
        add_ages(age, assoc, p->update >= 2 ? 1u : 3u - max_age(age, assoc));
    if (others)
        age[accessed] = kept;
}

#ifdef AGES_BY_WORD
/* Ages in registers (a constant 4, 8 or 16 ways: 4 or 8 ages in each of
 * one or two 64-bit words).  The byte-wise update above stores one age
 * and then loads the set's ages as a word to search them, which the host
 * cannot forward from its store buffer and waits for; here they are
 * loaded once and stored once. */
#define AGES_IN_WORDS(assoc) (__builtin_constant_p(assoc) \
                              && ((assoc) == 4 || (assoc) == 8 || (assoc) == 16))

/* A byte of the ages in words is 3 (ages are 0..3: both of its bits). */
static inline int words_have_3(unsigned long long w0, unsigned long long w1)
{
    return (((w0 & (w0 >> 1)) | (w1 & (w1 >> 1))) & ONES) != 0;
}

/* The highest age in words (bytes beyond the set's ways are 0). */
static inline unsigned words_max_age(unsigned long long w0, unsigned long long w1)
{
    if ((w0 | w1) & (ONES << 1))
        return words_have_3(w0, w1) ? 3 : 2;
    return ((w0 | w1) & ONES) != 0;
}

/* Give way `way` the age `a`, then the U rule after an access of it
 * (qlru_update with `accessed` = way), on the ages in registers. */
static inline __attribute__((always_inline)) void
qlru_access_words(const cs_policy_t *p, unsigned char *age, unsigned long assoc,
                  unsigned long way, unsigned a)
{
    /* The accessed way's byte, in w0 or (16 ways, way 8 and up) in w1:
     * masks and values for both words rather than an array indexed by
     * the way, which the compiler keeps on the stack (each update then a
     * store and a reload). */
    unsigned shift = 8 * (unsigned)(way & 7);
    unsigned long long w0, w1 = 0, byte = 0xffULL << shift, val = (unsigned long long)a << shift;
    int hi = assoc == 16 && way >= 8;
    unsigned long long keep0 = hi ? ~0ULL : ~byte, keep1 = hi ? ~byte : ~0ULL;
    unsigned long long set0 = hi ? 0 : val, set1 = hi ? val : 0;
    unsigned long add;
    unsigned x;
    /* U1 and U3 leave the accessed way out (it counts as age 0) */
    int others = p->update & 1;

    if (assoc == 4) {
        __builtin_memcpy(&x, age, 4);
        w0 = x;
    } else {
        __builtin_memcpy(&w0, age, 8);
        if (assoc == 16)
            __builtin_memcpy(&w1, age + 8, 8);
    }
    w0 = (w0 & keep0) | set0;
    w1 = (w1 & keep1) | set1;
    if (!p->update_on_miss_only && !(p->update == 3 && words_have_3(w0, w1))) {
        if (others) {
            w0 &= keep0;
            w1 &= keep1;
        }
        if (!words_have_3(w0, w1)) {
            add = p->update >= 2 ? 1u : 3u - words_max_age(w0, w1);
            w0 += ONES * add;
            if (assoc == 16)
                w1 += ONES * add;
            if (others) {           /* (the add reached it) */
                w0 &= keep0;
                w1 &= keep1;
            }
        }
        if (others) {
            w0 |= set0;
            w1 |= set1;
        }
    }
    if (assoc == 4) {
        x = (unsigned)w0;
        __builtin_memcpy(age, &x, 4);
    } else {
        __builtin_memcpy(age, &w0, 8);
        if (assoc == 16)
            __builtin_memcpy(age + 8, &w1, 8);
    }
}
#else
#define AGES_IN_WORDS(assoc) 0
static inline void qlru_access_words(const cs_policy_t *p, unsigned char *age, unsigned long assoc,
                                     unsigned long way, unsigned a)
{
    (void)p; (void)age; (void)assoc; (void)way; (void)a;
}
#endif

/* The way of the highest age (all ways valid): leftmost, or rightmost. */
static inline __attribute__((always_inline)) unsigned long way_of_max_age(const unsigned char *age, unsigned long assoc, int rightmost)
{
    long w = way_of_age(age, assoc, 3, rightmost);
    unsigned long k, best = rightmost ? assoc - 1 : 0;
    if (w >= 0)
        return (unsigned long)w;
    for (k = 0; k < assoc; k++)
        if (age[k] > age[best] || (rightmost && age[k] == age[best]))
            best = k;
    return best;
}

/* The victim of a full set: the leftmost way of age 3; when there is
 * none, R1 takes way 0 and R0 and R2 (which nanoBench pairs only with
 * updates that always leave an age-3 way) the leftmost way of the highest
 * age.  (R2 differs from R0 in the empty way it fills: see
 * cs_policy_fill.) */
static inline __attribute__((always_inline)) unsigned long qlru_victim(const cs_policy_t *p, const unsigned char *age,
                                 unsigned long assoc)
{
    long w;
    if (p->replace == 1) {
        w = way_of_age(age, assoc, 3, 0);
        return w >= 0 ? (unsigned long)w : 0;
    }
    return way_of_max_age(age, assoc, 0);
}

/* The rightmost empty way of a set, or -1 (qlru with R2). */
static inline __attribute__((always_inline)) long last_empty(const cs_line_t *l,
                                                             unsigned long assoc)
{
    unsigned long w = assoc;
    if (__builtin_constant_p(assoc) && assoc <= 32) {
        unsigned long long ways = cs_policy_ways_holding(l, 0, assoc);
        return ways != 0 ? (long)((63 - __builtin_clzll(ways)) >> 1) : -1;
    }
    while (w-- > 0)
        if (l[w] == 0)
            return (long)w;
    return -1;
}

static inline __attribute__((always_inline)) unsigned long rrip_victim(unsigned char *age, unsigned long assoc)
{
    unsigned long w = way_of_max_age(age, assoc, 0), k;
    unsigned add = 3u - age[w];
    if (add != 0)
        for (k = 0; k < assoc; k++)
            age[k] = (unsigned char)(age[k] + add);
    return w;
}

#endif
