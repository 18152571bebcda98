/* policy.c - replacement policies: the per-set storage and its set-up,
 * and the hit, fill and lookup paths with their specialised copies (see
 * policy.h for what each policy does; policy_names.c parses the names,
 * policy_state.h holds the per-policy state updates). */
#include "policy.h"
#include "policy_state.h"

static void set_variant(cs_policy_cache_t *c, unsigned variant);

/* ---------------------------------------------------------------------
 * Storage and set-up
 * --------------------------------------------------------------------- */

static inline int uses_ages(unsigned kind)
{
    return kind == CS_POLICY_SRRIP || kind == CS_POLICY_BRRIP || kind == CS_POLICY_QLRU;
}

static int uses_bits(unsigned kind)
{
    return kind == CS_POLICY_TREE_PLRU || kind == CS_POLICY_BIT_PLRU
        || kind == CS_POLICY_LRU3PLRU4;
}

static int uses_memo(unsigned kind)
{
    return kind != CS_POLICY_LRU && kind != CS_POLICY_FIFO;
}

/* Policies whose fill searches the set for an empty way (lru and fifo
 * keep empty ways at the end, and take the last way). */
static int uses_full(unsigned kind)
{
    return kind != CS_POLICY_LRU && kind != CS_POLICY_FIFO;
}

static inline unsigned long round8(unsigned long n)
{
    return (n + 7) & ~7UL;
}

/* Entries per set in c->lines: the lines, then (a policy with ages) the
 * set's ages padded to whole entries. */
static inline unsigned long stride_of(unsigned kind, unsigned long assoc)
{
    return assoc + (uses_ages(kind) ? round8(assoc) / sizeof(cs_line_t) : 0);
}

/* c->stride, a constant where the policy and the number of ways are (the
 * specialised copies). */
static inline __attribute__((always_inline)) unsigned long
stride_as(const cs_policy_cache_t *c, unsigned kind, unsigned long assoc)
{
    if (__builtin_constant_p(kind) && __builtin_constant_p(assoc))
        return stride_of(kind, assoc);
    return c->stride;
}

/* The ages of a set, for a policy with ages. */
static inline __attribute__((always_inline)) unsigned char *
ages_as(const cs_policy_cache_t *c, unsigned long set, unsigned kind, unsigned long assoc)
{
    return (unsigned char *)(c->lines + set * stride_as(c, kind, assoc) + assoc);
}

static unsigned log2_exact(unsigned long v)
{
    unsigned bits = 0;
    while ((1UL << bits) < v)
        bits++;
    return bits;
}

unsigned long cs_policy_storage_bytes(const cs_geometry_t *g, const cs_policy_t *p)
{
    unsigned long lines = g->size / g->line_size;
    unsigned long sets = lines / g->assoc;
    unsigned long bytes = sets * stride_of(p->kind, g->assoc) * sizeof(cs_line_t);
    if (uses_bits(p->kind))
        bytes += sets * sizeof(cs_policy_bits_t);
    if (uses_memo(p->kind))
        bytes += round8(sets);
    if (uses_full(p->kind))
        bytes += round8(sets);
    return bytes;
}

static unsigned long long splitmix64(unsigned long long x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/* The next 32 bits of an xorshift64* generator. */
static unsigned next_bits(unsigned long long *state)
{
    unsigned long long x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return (unsigned)((x * 2685821657736338717ULL) >> 32);
}

/* The next 32 bits of the cache's generator. */
static unsigned next_random(cs_policy_cache_t *c)
{
    return next_bits(&c->rng);
}

unsigned long cs_policy_random_way(unsigned long long *rng, unsigned long ways)
{
    return (unsigned long)(((unsigned long long)next_bits(rng) * ways) >> 32);
}

static unsigned char fast_kind(const cs_policy_t *p)
{
    switch (p->kind) {
    case CS_POLICY_LRU:
    case CS_POLICY_FIFO:
        return CS_POLICY_FAST_WAY0;
    case CS_POLICY_SRRIP:
    case CS_POLICY_BRRIP:
        return CS_POLICY_FAST_MEMO_AGE0;
    case CS_POLICY_QLRU:
        return p->update_on_miss_only || p->update <= 1 ? CS_POLICY_FAST_MEMO_AGE0
                                                        : CS_POLICY_FAST_NONE;
    default:
        return CS_POLICY_FAST_MEMO;
    }
}

/* Which specialised copy of the lookup serves a cache: the policies and
 * associativities of the presets get one each (VARIANT_*), with the
 * number of ways and the policy known to the compiler. */
enum {
    VARIANT_GENERIC,
    VARIANT_LRU_8,
    VARIANT_LRU_16,
    VARIANT_TREE_PLRU_8,
    VARIANT_LRU3PLRU4_12,
    VARIANT_QLRU_4,
    VARIANT_QLRU_8,
    VARIANT_QLRU_12,
    VARIANT_QLRU_16,
    VARIANT_QLRU_H00_M1_R2_U1_4,    /* skylake's L2 */
    VARIANT_QLRU_H11_M1_R0_U0_16,   /* skylake's LL */
    VARIANT_QLRU_H00_M1_R0_U1_8,    /* icelake's L2 */
    VARIANT_QLRU_H00_M1_R0_U1_12    /* icelake's LL */
};

/* The presets' QLRU rules as constants (hit_age is indexed by the age:
 * H<x><y> is { 0, 0, y, x }): the rule's branches fold away too. */
static const cs_policy_t rule_h00_m1_r2_u1 = { CS_POLICY_QLRU, { 0, 0, 0, 0 }, 1, 2, 1, 0 };
static const cs_policy_t rule_h11_m1_r0_u0 = { CS_POLICY_QLRU, { 0, 0, 1, 1 }, 1, 0, 0, 0 };
static const cs_policy_t rule_h00_m1_r0_u1 = { CS_POLICY_QLRU, { 0, 0, 0, 0 }, 1, 0, 1, 0 };

static unsigned char variant_of(const cs_policy_t *p, unsigned long assoc)
{
    switch (p->kind) {
    case CS_POLICY_LRU:
        return assoc == 8 ? VARIANT_LRU_8 : assoc == 16 ? VARIANT_LRU_16 : VARIANT_GENERIC;
    case CS_POLICY_TREE_PLRU:
        return assoc == 8 ? VARIANT_TREE_PLRU_8 : VARIANT_GENERIC;
    case CS_POLICY_LRU3PLRU4:
        return VARIANT_LRU3PLRU4_12;
    case CS_POLICY_QLRU:
        if (assoc == 4 && cs_policy_equal(p, &rule_h00_m1_r2_u1))
            return VARIANT_QLRU_H00_M1_R2_U1_4;
        if (assoc == 16 && cs_policy_equal(p, &rule_h11_m1_r0_u0))
            return VARIANT_QLRU_H11_M1_R0_U0_16;
        if ((assoc == 8 || assoc == 12) && cs_policy_equal(p, &rule_h00_m1_r0_u1))
            return assoc == 8 ? VARIANT_QLRU_H00_M1_R0_U1_8 : VARIANT_QLRU_H00_M1_R0_U1_12;
        return assoc == 4 ? VARIANT_QLRU_4 : assoc == 8 ? VARIANT_QLRU_8
             : assoc == 12 ? VARIANT_QLRU_12 : assoc == 16 ? VARIANT_QLRU_16 : VARIANT_GENERIC;
    default:
        return VARIANT_GENERIC;
    }
}

void cs_policy_init(cs_policy_cache_t *c, const cs_geometry_t *g, const cs_policy_t *p,
                    unsigned long long seed, void *zeroed, int cachegrind_start)
{
    unsigned long lines = g->size / g->line_size;
    unsigned long sets = lines / g->assoc;
    unsigned char *next = zeroed;

    c->line_bits = log2_exact(g->line_size);
    c->set_mask = sets - 1;
    c->assoc = g->assoc;
    c->stride = stride_of(p->kind, g->assoc);
    c->full_bits = g->assoc >= 64 ? ~0ULL : (1ULL << g->assoc) - 1;
    c->policy = *p;
    c->fast = fast_kind(p);
    set_variant(c, variant_of(p, g->assoc));
    c->lines = (cs_line_t *)next;
    next += sets * c->stride * sizeof(cs_line_t);
    c->ages = uses_ages(p->kind) ? (unsigned char *)(c->lines + g->assoc) : 0;
    c->bits = 0;
    c->mru = 0;
    if (uses_bits(p->kind)) {
        c->bits = (cs_policy_bits_t *)next;
        next += sets * sizeof(cs_policy_bits_t);
    }
    c->full = 0;
    if (uses_memo(p->kind)) {
        c->mru = next;
        next += round8(sets);
    }
    if (uses_full(p->kind))
        c->full = next;
    c->rng = splitmix64(seed);
    if (c->rng == 0)
        c->rng = 1;
    c->mirror_read = 0;
    c->mirror_write = 0;
    cs_policy_flush(c, cachegrind_start);
}

/* The set's entries of the mirrors (cs_policy_set_mirrors), when its
 * fast-exit entry is e (0: none). */
static inline __attribute__((always_inline)) void
mirror_set_entry(cs_policy_cache_t *c, unsigned long set, cs_line_t e)
{
    int ok;

    if (c->mirror_read == 0)
        return;
    ok = (e & (CS_LINE_VALID | CS_LINE_PREFETCHED)) == CS_LINE_VALID;
    c->mirror_read[set] = ok ? e & ~CS_LINE_FLAGS : CS_POLICY_NO_LINE;
    if (c->mirror_write != 0)
        c->mirror_write[set] = ok && (e & CS_LINE_DIRTY) ? e & ~CS_LINE_FLAGS : CS_POLICY_NO_LINE;
}

/* The same after any change to the set. */
static inline __attribute__((always_inline)) void
mirror_update_as(cs_policy_cache_t *c, unsigned long set, unsigned fast)
{
    const cs_line_t *slot;

    if (c->mirror_read == 0)
        return;
    /* cs_policy_fast_slot, with the fast exit's kind known where it is */
    if (fast == CS_POLICY_FAST_WAY0)
        slot = cs_policy_set_lines(c, set);
    else if (fast == CS_POLICY_FAST_MEMO)
        slot = cs_policy_set_lines(c, set) + c->mru[set];
    else
        slot = cs_policy_fast_slot(c, set);
    mirror_set_entry(c, set, slot != 0 ? *slot : 0);
}

/* c->fast, known for a policy `kind` that is a constant (as fast_kind). */
static inline __attribute__((always_inline)) unsigned fast_as(const cs_policy_cache_t *c,
                                                               unsigned kind)
{
    switch (kind) {
    case CS_POLICY_LRU:
    case CS_POLICY_FIFO:
        return CS_POLICY_FAST_WAY0;
    case CS_POLICY_RANDOM:
    case CS_POLICY_TREE_PLRU:
    case CS_POLICY_BIT_PLRU:
    case CS_POLICY_LRU3PLRU4:
        return CS_POLICY_FAST_MEMO;
    default:
        return c->fast;
    }
}

static inline __attribute__((always_inline)) void mirror_update(cs_policy_cache_t *c,
                                                                unsigned long set)
{
    mirror_update_as(c, set, c->fast);
}

void cs_policy_set_mirrors(cs_policy_cache_t *c, cs_line_t *read, cs_line_t *write)
{
    unsigned long set;
    c->mirror_read = read;
    c->mirror_write = read != 0 ? write : 0;
    for (set = 0; set <= c->set_mask; set++)
        mirror_update(c, set);
}

void cs_policy_flush(cs_policy_cache_t *c, int cachegrind_start)
{
    unsigned long sets = c->set_mask + 1, i, w;

    for (i = 0; i < sets; i++) {
        cs_line_t *l = cs_policy_set_lines(c, i);
        for (w = 0; w < c->assoc; w++)
            l[w] = cachegrind_start ? CS_LINE_VALID : 0;
        if (c->ages != 0)
            for (w = 0; w < c->assoc; w++)
                cs_policy_set_ages(c, i)[w] = cachegrind_start ? 0 : START_AGE;
    }
    if (c->bits != 0)
        for (i = 0; i < sets; i++)
            c->bits[i] = c->policy.kind == CS_POLICY_LRU3PLRU4 ? GROUP_ORDER_START : 0;
    if (c->mru != 0)
        for (i = 0; i < sets; i++)
            c->mru[i] = 0;
    if (c->full != 0)       /* (with Cachegrind's start every set is full) */
        for (i = 0; i < sets; i++)
            c->full[i] = (unsigned char)(cachegrind_start != 0);
    if (c->mirror_read != 0)
        for (i = 0; i < sets; i++)
            mirror_update(c, i);
}

/* ---------------------------------------------------------------------
 * The operations
 * --------------------------------------------------------------------- */

/* The policy's hit update of way `way`, for a policy `kind` and `assoc`
 * ways that are constants where the caller knows them (the compiler then
 * drops the switches on them). */
static inline __attribute__((always_inline)) unsigned long
policy_hit_as(cs_policy_cache_t *c, unsigned long set, unsigned long way, unsigned kind,
              unsigned long assoc, const cs_policy_t *rule)
{
    cs_line_t *l = c->lines + set * stride_as(c, kind, assoc);
    unsigned char *age;

    switch (kind) {
    case CS_POLICY_LRU:
        move_to_front(l, way);
        return 0;
    case CS_POLICY_FIFO:
        return way;
    case CS_POLICY_RANDOM:
        break;
    case CS_POLICY_TREE_PLRU:
        c->bits[set] = tree_touch(c->bits[set], way, assoc);
        break;
    case CS_POLICY_BIT_PLRU: {
        cs_policy_bits_t b = c->bits[set] | (1ULL << way);
        c->bits[set] = b == c->full_bits ? 1ULL << way : b;
        break;
    }
    case CS_POLICY_LRU3PLRU4:
        c->bits[set] = lru3plru4_touch(c->bits[set], way);
        break;
    case CS_POLICY_SRRIP:
    case CS_POLICY_BRRIP:
        ages_as(c, set, kind, assoc)[way] = 0;
        break;
    case CS_POLICY_QLRU:
        age = ages_as(c, set, kind, assoc);
        if (AGES_IN_WORDS(assoc)) {
            /* a rule that sends every hit to age 0 (H00: the presets' L2s)
             * needs no load of the way's age, which waits on the host's
             * cache (the rule is a constant in the presets' copies) */
            unsigned a = (rule->hit_age[2] | rule->hit_age[3]) == 0 ? 0 : rule->hit_age[age[way]];
            qlru_access_words(rule, age, assoc, way, a);
            break;
        }
        age[way] = rule->hit_age[age[way]];
        if (!rule->update_on_miss_only)
            qlru_update(rule, age, assoc, (long)way);
        break;
    }
    c->mru[set] = (unsigned char)way;
    return way;
}

static inline __attribute__((always_inline)) unsigned long
policy_hit(cs_policy_cache_t *c, unsigned long set, unsigned long way)
{
    return policy_hit_as(c, set, way, c->policy.kind, c->assoc, &c->policy);
}

unsigned long cs_policy_hit(cs_policy_cache_t *c, unsigned long set, unsigned long way)
{
    return policy_hit(c, set, way);
}

static inline __attribute__((always_inline)) long first_empty(const cs_line_t *l,
                                                              unsigned long assoc)
{
    unsigned long w;
    if (__builtin_constant_p(assoc))
        return cs_policy_find_fixed(l, 0, assoc);
    switch (assoc) {        /* an empty way holds 0, which no key matches */
    case 4:
        return cs_policy_find_fixed(l, 0, 4);
    case 8:
        return cs_policy_find_fixed(l, 0, 8);
    case 16:
        return cs_policy_find_fixed(l, 0, 16);
    default:
        if (assoc == 12)        /* (as in cs_policy_find) */
            return cs_policy_find_fixed(l, 0, 12);
        for (w = 0; w < assoc; w++)
            if (l[w] == 0)
                return (long)w;
        return -1;
    }
}

/* cs_policy_fill for a policy `kind` and `assoc` ways (constants where the
 * caller knows them). */
static inline __attribute__((always_inline)) cs_line_t
fill_as(cs_policy_cache_t *c, unsigned long set, cs_line_t entry, unsigned long *way_out,
        unsigned kind, unsigned long assoc, const cs_policy_t *rule)
{
    cs_line_t *l = c->lines + set * stride_as(c, kind, assoc);
    unsigned char *age = c->ages != 0 ? ages_as(c, set, kind, assoc) : 0;
    cs_line_t old;
    unsigned long way;
    long empty;

    if (kind == CS_POLICY_LRU || kind == CS_POLICY_FIFO) {
        /* Empty ways are always at the end: the last way is the victim. */
        if (way_out)
            *way_out = 0;
        old = lru_push(l, entry, assoc);
        mirror_update_as(c, set, fast_as(c, kind));
        return old;
    }
    if (kind == CS_POLICY_QLRU && rule->update_on_miss_only)
        qlru_update(rule, age, assoc, -1);     /* _UMO: before the choice */
    if (c->full[set]) {
        empty = -1;     /* the usual case once the cache has warmed up */
    } else if (__builtin_constant_p(assoc) && assoc <= 32) {
        /* the empty ways at once: the set is full after this fill when
         * there is at most one */
        unsigned long long ways = cs_policy_ways_holding(l, 0, assoc);
        if ((ways & (ways - 1)) == 0)
            c->full[set] = 1;
        if (ways == 0)
            empty = -1;
        else if (kind == CS_POLICY_QLRU && rule->replace == 2)
            empty = (long)((63 - __builtin_clzll(ways)) >> 1);
        else
            empty = (long)(__builtin_ctzll(ways) >> 1);
    } else {
        empty = kind == CS_POLICY_QLRU && rule->replace == 2 ? last_empty(l, assoc)
                                                             : first_empty(l, assoc);
        if (empty < 0)
            c->full[set] = 1;
    }
    if (empty >= 0) {
        way = (unsigned long)empty;
    } else {
        switch (kind) {
        case CS_POLICY_RANDOM:
            way = cs_policy_random_way(&c->rng, assoc);
            break;
        case CS_POLICY_TREE_PLRU:
            way = tree_victim(c->bits[set], assoc);
            break;
        case CS_POLICY_BIT_PLRU: {
            /* no 0 bit only in a direct-mapped cache: way 0 */
            cs_policy_bits_t zeros = ~c->bits[set] & c->full_bits;
            way = zeros != 0 ? (unsigned long)__builtin_ctzll(zeros) : 0;
            break;
        }
        case CS_POLICY_LRU3PLRU4:
            way = lru3plru4_victim(c->bits[set]);
            break;
        case CS_POLICY_QLRU:
            way = qlru_victim(rule, age, assoc);
            break;
        default:    /* srrip, brrip */
            way = rrip_victim(age, assoc);
            break;
        }
    }
    old = l[way];
    l[way] = entry;
    switch (kind) {
    case CS_POLICY_TREE_PLRU:
    case CS_POLICY_BIT_PLRU:
    case CS_POLICY_LRU3PLRU4:
        policy_hit_as(c, set, way, kind, assoc, rule);    /* a fill is an access of the way */
        break;
    case CS_POLICY_SRRIP:
        age[way] = 2;
        break;
    case CS_POLICY_BRRIP:
        age[way] = (next_random(c) & 31) == 0 ? 2 : 3;
        break;
    case CS_POLICY_QLRU:
        if (AGES_IN_WORDS(assoc)) {
            qlru_access_words(rule, age, assoc, way, rule->insert_age);
            break;
        }
        age[way] = rule->insert_age;
        if (!rule->update_on_miss_only)
            qlru_update(rule, age, assoc, (long)way);
        break;
    default:
        break;
    }
    c->mru[set] = (unsigned char)way;
    mirror_update_as(c, set, fast_as(c, kind));
    if (way_out)
        *way_out = way;
    return old;
}

cs_line_t cs_policy_remove(cs_policy_cache_t *c, unsigned long set, unsigned long way)
{
    cs_line_t *l = cs_policy_set_lines(c, set);
    cs_line_t old = l[way];
    unsigned long w;

    if (c->policy.kind == CS_POLICY_LRU || c->policy.kind == CS_POLICY_FIFO) {
        for (w = way; w + 1 < c->assoc; w++)
            l[w] = l[w + 1];
        l[c->assoc - 1] = 0;
        mirror_update(c, set);
        return old;
    }
    l[way] = 0;
    c->full[set] = 0;
    if (c->policy.kind == CS_POLICY_BIT_PLRU)
        c->bits[set] &= ~(1ULL << way);
    /* (The way keeps its age, as in nanoBench's simulator.)  The memo now
     * names an empty way: no fast exit until the next access to the set. */
    c->mru[set] = (unsigned char)way;
    mirror_update(c, set);
    return old;
}

/* The way of l (a set of `assoc` ways) holding key, or -1. */
static inline __attribute__((always_inline)) long find_as(const cs_line_t *l, cs_line_t key,
                                                         unsigned long assoc)
{
    unsigned long w;
    if (__builtin_constant_p(assoc))
        return cs_policy_find_fixed(l, key, assoc);
    for (w = 0; w < assoc; w++)
        if (cs_line_holds(l[w], key))
            return (long)w;
    return -1;
}

/* cs_policy_lookup for a policy `kind` and `assoc` ways (constants where
 * the caller knows them). */
static inline __attribute__((always_inline)) cs_line_t
lookup_as(cs_policy_cache_t *c, unsigned long set, cs_line_t key, cs_line_t set_flags,
          cs_line_t clear_flags, unsigned kind, unsigned long assoc, const cs_policy_t *rule)
{
    cs_line_t *l = c->lines + set * stride_as(c, kind, assoc);
    cs_line_t e, n;
    long w;

    if (kind == CS_POLICY_LRU) {
        e = lru_lookup(l, key, set_flags, clear_flags, assoc);
        if (e != 0)
            mirror_update_as(c, set, fast_as(c, kind));
        return e;
    }
    w = find_as(l, key, assoc);
    if (w < 0)
        return 0;
    e = l[w];
    n = (e | set_flags) & ~clear_flags;
    w = (long)policy_hit_as(c, set, (unsigned long)w, kind, assoc, rule);
    l[w] = n;
    /* where the memo names the fast exit, the hit's way is now it */
    if (fast_as(c, kind) == CS_POLICY_FAST_MEMO)
        mirror_set_entry(c, set, n);
    else
        mirror_update_as(c, set, fast_as(c, kind));
    return e;
}

/* One function per variant, so that each saves only the registers it
 * uses; cs_policy_init points the cache's lookup and fill at them. */
#define VARIANT_FUNCTIONS_RULE(name, kind, assoc, rule) \
    static __attribute__((noinline)) cs_line_t \
    lookup_##name(cs_policy_cache_t *c, unsigned long set, cs_line_t key, cs_line_t set_flags, \
                  cs_line_t clear_flags) \
    { return lookup_as(c, set, key, set_flags, clear_flags, kind, assoc, rule); } \
    static __attribute__((noinline)) cs_line_t \
    fill_##name(cs_policy_cache_t *c, unsigned long set, cs_line_t entry, unsigned long *way_out) \
    { return fill_as(c, set, entry, way_out, kind, assoc, rule); }
#define VARIANT_FUNCTIONS(name, kind, assoc) \
    VARIANT_FUNCTIONS_RULE(name, kind, assoc, &c->policy)
VARIANT_FUNCTIONS(lru_8, CS_POLICY_LRU, 8)
VARIANT_FUNCTIONS(lru_16, CS_POLICY_LRU, 16)
VARIANT_FUNCTIONS(tree_plru_8, CS_POLICY_TREE_PLRU, 8)
VARIANT_FUNCTIONS(lru3plru4_12, CS_POLICY_LRU3PLRU4, 12)
VARIANT_FUNCTIONS(qlru_4, CS_POLICY_QLRU, 4)
VARIANT_FUNCTIONS(qlru_8, CS_POLICY_QLRU, 8)
VARIANT_FUNCTIONS(qlru_12, CS_POLICY_QLRU, 12)
VARIANT_FUNCTIONS(qlru_16, CS_POLICY_QLRU, 16)
VARIANT_FUNCTIONS_RULE(qlru_h00_m1_r2_u1_4, CS_POLICY_QLRU, 4, &rule_h00_m1_r2_u1)
VARIANT_FUNCTIONS_RULE(qlru_h11_m1_r0_u0_16, CS_POLICY_QLRU, 16, &rule_h11_m1_r0_u0)
VARIANT_FUNCTIONS_RULE(qlru_h00_m1_r0_u1_8, CS_POLICY_QLRU, 8, &rule_h00_m1_r0_u1)
VARIANT_FUNCTIONS_RULE(qlru_h00_m1_r0_u1_12, CS_POLICY_QLRU, 12, &rule_h00_m1_r0_u1)

static __attribute__((noinline)) cs_line_t
lookup_generic(cs_policy_cache_t *c, unsigned long set, cs_line_t key, cs_line_t set_flags,
               cs_line_t clear_flags)
{
    return lookup_as(c, set, key, set_flags, clear_flags, c->policy.kind, c->assoc, &c->policy);
}

static __attribute__((noinline)) cs_line_t
fill_generic(cs_policy_cache_t *c, unsigned long set, cs_line_t entry, unsigned long *way_out)
{
    return fill_as(c, set, entry, way_out, c->policy.kind, c->assoc, &c->policy);
}

/* The copies, by variant (VARIANT_*, in that order). */
static const struct {
    cs_line_t (*lookup)(cs_policy_cache_t *, unsigned long, cs_line_t, cs_line_t, cs_line_t);
    cs_line_t (*fill)(cs_policy_cache_t *, unsigned long, cs_line_t, unsigned long *);
} variants[] = {
    { lookup_generic, fill_generic },
    { lookup_lru_8, fill_lru_8 },
    { lookup_lru_16, fill_lru_16 },
    { lookup_tree_plru_8, fill_tree_plru_8 },
    { lookup_lru3plru4_12, fill_lru3plru4_12 },
    { lookup_qlru_4, fill_qlru_4 },
    { lookup_qlru_8, fill_qlru_8 },
    { lookup_qlru_12, fill_qlru_12 },
    { lookup_qlru_16, fill_qlru_16 },
    { lookup_qlru_h00_m1_r2_u1_4, fill_qlru_h00_m1_r2_u1_4 },
    { lookup_qlru_h11_m1_r0_u0_16, fill_qlru_h11_m1_r0_u0_16 },
    { lookup_qlru_h00_m1_r0_u1_8, fill_qlru_h00_m1_r0_u1_8 },
    { lookup_qlru_h00_m1_r0_u1_12, fill_qlru_h00_m1_r0_u1_12 },
};

/* Point the cache's lookup and fill at the copies of `variant`. */
static void set_variant(cs_policy_cache_t *c, unsigned variant)
{
    c->lookup = variants[variant].lookup;
    c->fill = variants[variant].fill;
}

int cs_policy_ref(cs_policy_cache_t *c, unsigned long set, cs_line_t key, cs_line_t flags,
                  cs_line_t *evicted)
{
    if (cs_policy_lookup(c, set, key, flags, 0) != 0) {
        *evicted = 0;
        return 0;
    }
    *evicted = cs_policy_fill(c, set, key | flags, 0);
    return 1;
}
