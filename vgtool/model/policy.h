/* policy.h - one level of cache: a set-associative store of lines and the
 * replacement policy that chooses its victims.
 *
 * Plain C, no Valgrind headers, no libc: unit-tested on the host and
 * compiled into the tool unchanged.  The caller provides zero-filled
 * storage of cs_policy_storage_bytes() bytes.
 *
 * A line is kept as its line address (the address of its first byte) with
 * three flag bits in the low bits, which are zero in a line address since
 * lines are at least 16 bytes: VALID, DIRTY (written since it was filled,
 * for write-back) and PREFETCHED (filled by a prefetch and not used by a
 * demand access since; for issue 27's useful-prefetch counts).  An empty
 * way holds 0.  Comparing with one XOR: entry ^ (line | VALID) is below 4
 * exactly when the entry holds that line, whatever its DIRTY and
 * PREFETCHED bits.
 *
 * Every policy fills an empty (invalid) way before it evicts a line: the
 * leftmost empty way.  Ways are numbered 0..assoc-1 within a set.
 *
 * The policies, by the name used in CPU descriptions and on the command
 * line:
 *
 *   lru        true LRU.  The set is kept in recency order: way 0 holds the
 *              most recently used line; a hit moves its line to way 0, a
 *              fill evicts the last way and puts the new line in way 0
 *              (exactly Cachegrind's cg_sim.c).  Removing a line closes
 *              the gap, so empty ways collect at the end.
 *   fifo       first in, first out: the same order as lru, kept by fills
 *              only; hits change nothing.
 *   random     the victim is way floor(r * assoc / 2^32), r the next 32
 *              bits of the cache's own xorshift64* generator (seeded from
 *              the description's seed and the cache's name, so every run
 *              gives the same counts).  Hits change nothing.
 *   tree-plru  tree pseudo-LRU over a power-of-two number of ways: assoc-1
 *              bits in a binary tree (node 1 the root, node n's children
 *              2n and 2n+1, the ways the leaves left to right).  An access
 *              sets each bit on the way's path to point away from the way
 *              (1 = the other half is on the right); the victim is found
 *              by following the bits from the root (0 = go left).
 *   bit-plru   one MRU bit per way ("bit-PLRU", "PLRUm"): an access sets
 *              the way's bit, and when that makes all bits 1 the others
 *              are cleared; the victim is the leftmost way whose bit is 0
 *              (way 0 when there is one way).
 *   lru3plru4  12 ways in three groups of four (ways 0-3, 4-7, 8-11), each
 *              group a 4-way tree-plru, the groups kept in LRU order: an
 *              access updates its group's tree and makes the group the
 *              most recent; the victim is the tree victim of the least
 *              recent group.  Measured on Ice Lake's L1D by uops.info
 *              (https://uops.info/cache.html).
 *   srrip      static RRIP with hit priority (Jaleel et al., "High
 *              Performance Cache Replacement Using Re-Reference Interval
 *              Prediction (RRIP)", ISCA 2010), 2-bit values: a fill gets
 *              2, a hit sets 0; the victim is the leftmost way holding 3,
 *              and while there is none every way's value goes up by one.
 *   brrip      bimodal RRIP (same paper): as srrip, but a fill gets 3,
 *              except one fill in 32 on average, which gets 2: those whose
 *              next 32 random bits (the generator above) are 0 mod 32.
 *   qlru:H<x><y>_M<m>_R<r>_U<u>[_UMO]
 *              the QLRU family measured on Intel CPUs by Abel and Reineke
 *              (nanoBench, ISPASS 2020, https://arxiv.org/abs/1911.03282;
 *              https://uops.info/cache.html), with the rules of the
 *              simulator published with it (nanoBench's
 *              tools/CacheAnalyzer/cacheSim.py).  Each way has an age
 *              0..3; every way starts at age 3, and a way keeps its age
 *              when its line is removed, so that an empty way counts as
 *              its age in the updates.  The name QLRU_H11_M1_R0_U0 as
 *              uops.info writes it is accepted too.
 *                H<x><y>  a hit on a line of age 3 gives it age x, on a
 *                         line of age 2 age y; ages 1 and 0 become 0;
 *                M<m>     a filled line gets age m;
 *                R<r>     where a miss puts the line: R0 and R1 into the
 *                         leftmost empty way, R2 into the rightmost; in a
 *                         full set the leftmost way of age 3, or if no
 *                         way has age 3 way 0 (R1) or the leftmost way of
 *                         the highest age (R0, R2: nanoBench pairs them
 *                         only with updates that always leave an age-3
 *                         way, so this choice is this model's own);
 *                U<u>     after each hit and each fill of the accessed
 *                         way, over every way:
 *                         U0 all ages go up by 3 - (the highest age);
 *                         U1 the ways other than the accessed one go up
 *                            by 3 - (their highest age);
 *                         U2 if no way has age 3, all ages go up by 1;
 *                         U3 if no way has age 3, the ways other than the
 *                            accessed one go up by 1;
 *                _UMO     the update runs on misses only, before the
 *                         victim is chosen, over every way (for U1 and U3
 *                         as for U0 and U2), and not after hits or fills.
 *              (With uops.info's L2 and L3 policies in sets of 8 to 16
 *              ways, the differences between these rules and a reading
 *              that leaves empty ways out show only while a set is not
 *              full.)
 *
 * What a hit on the most recently accessed line of a set (the MRU line)
 * may skip, per policy (the fast exit; cs_policy_fast_slot): lru, fifo,
 * random, tree-plru, bit-plru and lru3plru4 change no state on it at all;
 * srrip, brrip and qlru with U0, U1 or _UMO change nothing when its value
 * is already 0 (a hit leaves 0 at 0, and the update found an age-3 way
 * after the last access to the set, which is still there: removing a line
 * resets the set's MRU memo); qlru with U2 or U3 without _UMO takes the
 * full path on every hit, as its update may run again.
 */
#ifndef CACHESIM_MODEL_POLICY_H
#define CACHESIM_MODEL_POLICY_H

#include "geometry.h"

typedef unsigned long cs_line_t;

#define CS_LINE_DIRTY      1UL
#define CS_LINE_PREFETCHED 2UL
#define CS_LINE_VALID      4UL
#define CS_LINE_FLAGS      7UL
/* In an inclusive L2's copy only: the line may be in I1 (set when a fetch
 * looks it up or fills it there; a line without it is in no I1 set, so an
 * eviction from L2 need not search I1).  Not one of CS_LINE_FLAGS (which
 * cs_hier_probe reports); lookups ignore it like DIRTY and PREFETCHED.
 * Lines are at least 16 bytes (CS_MIN_LINE_SIZE): bit 3 is below the
 * address. */
#define CS_LINE_IN_I1      8UL
/* The same for D1 (set when a load, a store or a prefetch into D1 looks
 * the line up in L2 or fills it there), in bit 62: a user-space address
 * never has it, and an address that does (the kernel's, which no access
 * there shares a line with) only makes an eviction search D1 in vain.
 * None on hosts whose entries have 32 bits: D1 is always searched. */
#if defined(__SIZEOF_LONG__) && __SIZEOF_LONG__ == 8
#define CS_LINE_IN_D1      (1UL << 62)
#else
#define CS_LINE_IN_D1      0UL
#endif

/* The entry to look for: a line address with the VALID bit. */
static inline cs_line_t cs_line_key(unsigned long block, unsigned line_bits)
{
    return (block << line_bits) | CS_LINE_VALID;
}

/* Does entry hold the line of key (whatever its DIRTY, PREFETCHED, IN_I1
 * and IN_D1 bits)?  Their XOR, without IN_D1, is one of 0..3 or 8..11. */
static inline int cs_line_holds(cs_line_t entry, cs_line_t key)
{
    return (((entry ^ key) & ~CS_LINE_IN_D1) | CS_LINE_IN_I1) < (CS_LINE_IN_I1 | CS_LINE_VALID);
}

typedef enum {
    CS_POLICY_LRU,
    CS_POLICY_FIFO,
    CS_POLICY_RANDOM,
    CS_POLICY_TREE_PLRU,
    CS_POLICY_BIT_PLRU,
    CS_POLICY_LRU3PLRU4,
    CS_POLICY_SRRIP,
    CS_POLICY_BRRIP,
    CS_POLICY_QLRU
} cs_policy_kind_t;

typedef struct {
    unsigned char kind;          /* cs_policy_kind_t */
    /* QLRU only: */
    unsigned char hit_age[4];    /* new age of a line hit at age 0..3 */
    unsigned char insert_age;    /* M */
    unsigned char replace;       /* R: 0, 1 or 2 */
    unsigned char update;        /* U: 0..3 */
    unsigned char update_on_miss_only;  /* _UMO */
} cs_policy_t;

/* Parse a policy name (see above; case-insensitive).  0, or -1 with *err
 * set to a message that lists what is accepted. */
int cs_policy_parse(const char *text, cs_policy_t *out, const char **err);

/* Write the policy's canonical name ("qlru:H11_M1_R0_U0", "tree-plru")
 * into buf; returns its length (buf holds at most buflen - 1 of it). */
unsigned long cs_policy_name(const cs_policy_t *p, char *buf, unsigned long buflen);

/* Can a cache with this many ways use the policy?  0, or -1 with *err. */
int cs_policy_check(const cs_policy_t *p, unsigned long assoc, const char **err);

/* Do two policies behave the same? */
int cs_policy_equal(const cs_policy_t *a, const cs_policy_t *b);

/* Which MRU-hit exit is exact for a cache (see above). */
enum {
    CS_POLICY_FAST_WAY0,        /* the MRU line is in way 0 (lru, fifo) */
    CS_POLICY_FAST_MEMO,        /* the set's memo names the MRU way */
    CS_POLICY_FAST_MEMO_AGE0,   /* ... and a hit needs its value to be 0 */
    CS_POLICY_FAST_NONE
};

/* A set's policy bits (up to 64 ways on every host). */
typedef unsigned long long cs_policy_bits_t;

/* One cache: its lines and its policy's state. */
typedef struct cs_policy_cache cs_policy_cache_t;
struct cs_policy_cache {
    cs_line_t *lines;            /* set by set, `stride` entries apart */
    unsigned char *ages;         /* set 0's ages, one per way: srrip, brrip,
                                    qlru (or NULL); set s's after its lines */
    cs_policy_bits_t *bits;      /* per set: tree-plru, bit-plru, lru3plru4 */
    unsigned char *mru;          /* per set: the way last accessed (or NULL) */
    unsigned char *full;         /* per set: 1 only if no way is empty, so that
                                    a fill need not search for one (or NULL) */
    unsigned line_bits;          /* log2(line size) */
    unsigned long set_mask;      /* sets - 1 */
    unsigned long assoc;
    /* A policy with ages keeps each set's ages just after its lines (the
     * ages padded to whole entries), so that an access reads one place of
     * the host's memory rather than two: stride is assoc plus those
     * entries.  Otherwise stride is assoc. */
    unsigned long stride;
    cs_policy_bits_t full_bits;  /* bit-plru: a mask with one bit per way */
    cs_policy_t policy;
    unsigned char fast;          /* CS_POLICY_FAST_* */
    /* The lookup and fill copied for this policy and number of ways
     * (policy.c; cs_policy_lookup, cs_policy_fill), called straight from
     * the callers' code rather than picked from a table on every call. */
    cs_line_t (*lookup)(cs_policy_cache_t *, unsigned long, cs_line_t, cs_line_t, cs_line_t);
    cs_line_t (*fill)(cs_policy_cache_t *, unsigned long, cs_line_t, unsigned long *);
    unsigned long long rng;      /* random, brrip */
    /* Optional (see cs_policy_set_mirrors), else NULL: per set, the line
     * address on which a demand read (mirror_read) or write (mirror_write)
     * may take the fast exit, or CS_POLICY_NO_LINE. */
    cs_line_t *mirror_read;
    cs_line_t *mirror_write;
};

/* A mirror entry that matches no user-space address, within a line or as
 * a line's first byte. */
#define CS_POLICY_NO_LINE (~0UL << (sizeof(unsigned long) > 4 ? 63 : 4))

/* Bytes of zeroed storage a cache of this geometry and policy needs (g
 * valid, cs_policy_check passed). */
unsigned long cs_policy_storage_bytes(const cs_geometry_t *g, const cs_policy_t *p);

/* Set up a cache over the storage.  seed feeds the random generator.
 * cachegrind_start: start as Cachegrind does, with line 0 in every way of
 * every set (block 0 then "hits" in set 0 from the start); otherwise every
 * way starts empty. */
void cs_policy_init(cs_policy_cache_t *c, const cs_geometry_t *g, const cs_policy_t *p,
                    unsigned long long seed, void *zeroed, int cachegrind_start);

/* Back to the start-up state (the generator is not reseeded). */
void cs_policy_flush(cs_policy_cache_t *c, int cachegrind_start);

/* Keep, from now on, a per-set copy of the fast exit in read[] (and in
 * write[], if not NULL), one entry per set: the address of the line (its
 * first byte) that a demand access hits with no change of state --
 * cs_policy_fast_slot's line, valid and not PREFETCHED, for write[] also
 * DIRTY -- or CS_POLICY_NO_LINE when there is none.  Every operation on a
 * set updates its entries, so the copy is exact at all times: a caller
 * (the tool's generated code) can test an access against it with one
 * compare instead of calling the model.  (Setting DIRTY through the slot
 * that cs_policy_fast_slot returns does not update write[]; that only
 * makes it miss a chance, never claim a wrong one.) */
void cs_policy_set_mirrors(cs_policy_cache_t *c, cs_line_t *read, cs_line_t *write);

static inline unsigned long cs_policy_set_of(const cs_policy_cache_t *c, unsigned long block)
{
    return block & c->set_mask;
}

static inline cs_line_t *cs_policy_set_lines(const cs_policy_cache_t *c, unsigned long set)
{
    return c->lines + set * c->stride;
}

/* The ages of a set (a policy with ages). */
static inline unsigned char *cs_policy_set_ages(const cs_policy_cache_t *c, unsigned long set)
{
    return (unsigned char *)(cs_policy_set_lines(c, set) + c->assoc);
}

#if defined(__SSE2__) && defined(__x86_64__)
/* Four ways at a time with SSE2 (every x86-64 host has it): 2 bits per
 * way in the result, bits 2k and 2k+1 set when way k holds key (its low
 * and high 32 bits compared apart, DIRTY and PREFETCHED masked off). */
typedef int cs_policy_v4si __attribute__((vector_size(16)));
typedef short cs_policy_v8hi __attribute__((vector_size(16)));
typedef char cs_policy_v16qi __attribute__((vector_size(16)));

static inline __attribute__((always_inline)) cs_policy_v8hi
cs_policy_match4(const cs_line_t *l, cs_policy_v4si key, cs_policy_v4si mask)
{
    cs_policy_v4si a, b;
    __builtin_memcpy(&a, l, 16);
    __builtin_memcpy(&b, l + 2, 16);
    return __builtin_ia32_packssdw128((a & mask) == key, (b & mask) == key);
}

/* Two results of cs_policy_match4 as 16 bits, 2 per way. */
static inline __attribute__((always_inline)) unsigned
cs_policy_match8(cs_policy_v8hi lo, cs_policy_v8hi hi)
{
    cs_policy_v16qi bytes = (cs_policy_v16qi)__builtin_ia32_packsswb128(lo, hi);
    return (unsigned)__builtin_ia32_pmovmskb128(bytes);
}
#endif

/* The ways of a set of a constant number of ways (at most 32) that hold
 * key, as bit 2k for way k, without data-dependent branches (an early
 * exit is mispredicted about once a search). */
static inline __attribute__((always_inline)) unsigned long long
cs_policy_ways_holding(const cs_line_t *l, cs_line_t key, unsigned long assoc)
{
    unsigned long long ways = 0;
    unsigned long i;
#if defined(__SSE2__) && defined(__x86_64__)
    if (assoc % 4 == 0 && assoc <= 16) {
        cs_policy_v4si k = { (int)(unsigned)key, (int)(unsigned)(key >> 32),
                             (int)(unsigned)key, (int)(unsigned)(key >> 32) };
        cs_policy_v4si m = { ~(int)(CS_LINE_DIRTY | CS_LINE_PREFETCHED | CS_LINE_IN_I1),
                             (int)~(unsigned)(CS_LINE_IN_D1 >> 32),
                             ~(int)(CS_LINE_DIRTY | CS_LINE_PREFETCHED | CS_LINE_IN_I1),
                             (int)~(unsigned)(CS_LINE_IN_D1 >> 32) };
        cs_policy_v8hi zero = { 0, 0, 0, 0, 0, 0, 0, 0 };
        for (i = 0; i < assoc; i += 8) {
            cs_policy_v8hi lo = cs_policy_match4(l + i, k, m);
            cs_policy_v8hi hi = i + 4 < assoc ? cs_policy_match4(l + i + 4, k, m) : zero;
            ways |= (unsigned long long)cs_policy_match8(lo, hi) << (2 * i);
        }
        /* way k: both of its halves, bits 2k and 2k+1 */
        return ways & (ways >> 1) & 0x5555555555555555ULL;
    }
#endif
#pragma GCC unroll 16
    for (i = 0; i < assoc; i++)
        ways |= (unsigned long long)cs_line_holds(l[i], key) << (2 * i);
    return ways;
}

/* The way of a set of a constant number of ways holding key, or -1. */
static inline __attribute__((always_inline)) long
cs_policy_find_fixed(const cs_line_t *l, cs_line_t key, unsigned long assoc)
{
    long way = -1;
    unsigned long i;
    if (assoc <= 32) {
        unsigned long long ways = cs_policy_ways_holding(l, key, assoc);
        return ways != 0 ? (long)(__builtin_ctzll(ways) >> 1) : -1;
    }
    for (i = assoc; i-- > 0;)
        way = cs_line_holds(l[i], key) ? (long)i : way;
    return way;
}

/* The way of set holding key, or -1.  Changes nothing. */
static inline long cs_policy_find(const cs_policy_cache_t *c, unsigned long set, cs_line_t key)
{
    const cs_line_t *l = cs_policy_set_lines(c, set);
    unsigned long w;
    switch (c->assoc) {
    case 4:
        return cs_policy_find_fixed(l, key, 4);
    case 8:
        return cs_policy_find_fixed(l, key, 8);
    case 16:
        return cs_policy_find_fixed(l, key, 16);
    default:
        /* (12 here rather than as a case: a case of its own costs the
         * other sizes a compare) */
        if (c->assoc == 12)
            return cs_policy_find_fixed(l, key, 12);
        for (w = 0; w < c->assoc; w++)
            if (cs_line_holds(l[w], key))
                return (long)w;
        return -1;
    }
}

/* The entry that a hit on the set's MRU line may update in place (set its
 * DIRTY bit) with no policy work, or NULL when this policy has no exact
 * fast exit for the set's current state.  The caller still compares the
 * entry with its key. */
static inline cs_line_t *cs_policy_fast_slot(const cs_policy_cache_t *c, unsigned long set)
{
    cs_line_t *l = cs_policy_set_lines(c, set);
    unsigned long w;
    switch (c->fast) {
    case CS_POLICY_FAST_WAY0:
        return l;
    case CS_POLICY_FAST_MEMO:
        return l + c->mru[set];
    case CS_POLICY_FAST_MEMO_AGE0:
        w = c->mru[set];
        return cs_policy_set_ages(c, set)[w] == 0 ? l + w : 0;
    default:
        return 0;
    }
}

/* A demand hit on way `way` of set: the policy's hit update.  Returns the
 * way that holds the line afterwards (lru moves it to way 0).  It leaves
 * the mirrors (cs_policy_set_mirrors) to its caller: cs_policy_lookup and
 * cs_policy_fill update them once the entry is final. */
unsigned long cs_policy_hit(cs_policy_cache_t *c, unsigned long set, unsigned long way);

/* Put entry (a line address with VALID and any other flags) into set,
 * which does not hold it: into the leftmost empty way, else in place of
 * the policy's victim.  Returns what was evicted (0 if the way was
 * empty); *way_out (if not NULL) gets the way that now holds entry. */
static inline cs_line_t cs_policy_fill(cs_policy_cache_t *c, unsigned long set, cs_line_t entry,
                                       unsigned long *way_out)
{
    return c->fill(c, set, entry, way_out);
}

/* Empty way `way` of set (an invalidation, or a line leaving an exclusive
 * cache); returns the entry it held. */
cs_line_t cs_policy_remove(cs_policy_cache_t *c, unsigned long set, unsigned long way);

/* A demand lookup: if set holds key, the policy's hit update, with
 * set_flags ORed into the entry and clear_flags cleared; returns the entry
 * as it was (non-zero: it has VALID).  0 if the set does not hold key
 * (nothing changes). */
static inline cs_line_t cs_policy_lookup(cs_policy_cache_t *c, unsigned long set, cs_line_t key,
                                         cs_line_t set_flags, cs_line_t clear_flags)
{
    return c->lookup(c, set, key, set_flags, clear_flags);
}

/* The random policy's victim among `ways` ways, drawn from the generator
 * whose state is *rng (a cache's rng): for a fully associative twin of a
 * random cache (classify.h), which draws as the cache does. */
unsigned long cs_policy_random_way(unsigned long long *rng, unsigned long ways);

/* Look up key and update the set as Cachegrind does for each line: a hit
 * updates the policy state, a miss fills (evicting the victim).  Returns 1
 * on a miss; *evicted gets the evicted entry (0 if none or on a hit).
 * flags are ORed into the entry (CS_LINE_DIRTY for a write). */
int cs_policy_ref(cs_policy_cache_t *c, unsigned long set, cs_line_t key, cs_line_t flags,
                  cs_line_t *evicted);

#endif
