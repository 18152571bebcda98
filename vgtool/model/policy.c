/* policy.c - replacement policies: parsing their names, the per-set state
 * and its updates (see policy.h for what each policy does). */
#include "policy.h"

/* ---------------------------------------------------------------------
 * Names
 * --------------------------------------------------------------------- */

static const char policy_list[] =
    "expected lru, fifo, random, tree-plru, bit-plru, lru3plru4, srrip, brrip "
    "or qlru:H<x><y>_M<m>_R<r>_U<u>[_UMO]";

static const char *const simple_names[] = {
    [CS_POLICY_LRU] = "lru",
    [CS_POLICY_FIFO] = "fifo",
    [CS_POLICY_RANDOM] = "random",
    [CS_POLICY_TREE_PLRU] = "tree-plru",
    [CS_POLICY_BIT_PLRU] = "bit-plru",
    [CS_POLICY_LRU3PLRU4] = "lru3plru4",
    [CS_POLICY_SRRIP] = "srrip",
    [CS_POLICY_BRRIP] = "brrip",
};

static char lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Does text start with word (case-insensitive)?  Returns its length or 0. */
static unsigned long starts_with(const char *text, const char *word)
{
    unsigned long n = 0;
    while (word[n] != '\0') {
        if (lower(text[n]) != word[n])
            return 0;
        n++;
    }
    return n;
}

/* One digit 0..max after a letter, e.g. "M1".  Advances *p. */
static int letter_digit(const char **p, char letter, unsigned max, unsigned char *out)
{
    const char *s = *p;
    if (lower(s[0]) != letter || s[1] < '0' || s[1] > (char)('0' + max))
        return -1;
    *out = (unsigned char)(s[1] - '0');
    *p = s + 2;
    return 0;
}

static int parse_qlru(const char *s, cs_policy_t *p)
{
    unsigned char h3, h2;

    if (lower(s[0]) != 'h' || s[1] < '0' || s[1] > '3' || s[2] < '0' || s[2] > '3' || s[3] != '_')
        return -1;
    h3 = (unsigned char)(s[1] - '0');
    h2 = (unsigned char)(s[2] - '0');
    s += 4;
    if (letter_digit(&s, 'm', 3, &p->insert_age) != 0 || *s++ != '_'
        || letter_digit(&s, 'r', 2, &p->replace) != 0 || *s++ != '_'
        || letter_digit(&s, 'u', 3, &p->update) != 0)
        return -1;
    p->update_on_miss_only = 0;
    if (*s == '_') {
        unsigned long n = starts_with(s + 1, "umo");
        if (n == 0)
            return -1;
        p->update_on_miss_only = 1;
        s += 1 + n;
    }
    if (*s != '\0')
        return -1;
    p->hit_age[0] = 0;
    p->hit_age[1] = 0;
    p->hit_age[2] = h2;
    p->hit_age[3] = h3;
    return 0;
}

int cs_policy_parse(const char *text, cs_policy_t *out, const char **err)
{
    cs_policy_t p;
    unsigned long k, n;

    for (k = 0; k < sizeof p; k++)
        ((unsigned char *)&p)[k] = 0;
    for (k = 0; k < sizeof simple_names / sizeof simple_names[0]; k++) {
        n = starts_with(text, simple_names[k]);
        if (n != 0 && text[n] == '\0') {
            p.kind = (unsigned char)k;
            *out = p;
            return 0;
        }
    }
    /* qlru:H11_M1_R0_U0, or uops.info's QLRU_H11_M1_R0_U0 */
    n = starts_with(text, "qlru");
    if (n != 0 && (text[n] == ':' || text[n] == '_')) {
        p.kind = CS_POLICY_QLRU;
        if (parse_qlru(text + n + 1, &p) == 0) {
            *out = p;
            return 0;
        }
        *err = "bad QLRU variant: expected qlru:H<x><y>_M<m>_R<r>_U<u>[_UMO] with x, y, m "
               "and u from 0 to 3 and r from 0 to 2 (e.g. qlru:H11_M1_R0_U0)";
        return -1;
    }
    *err = policy_list;
    return -1;
}

unsigned long cs_policy_name(const cs_policy_t *p, char *buf, unsigned long buflen)
{
    char tmp[32];
    const char *s;
    unsigned long n = 0, k;

    if (p->kind == CS_POLICY_QLRU) {
        const char *q = "qlru:H";
        while (*q)
            tmp[n++] = *q++;
        tmp[n++] = (char)('0' + p->hit_age[3]);
        tmp[n++] = (char)('0' + p->hit_age[2]);
        tmp[n++] = '_';
        tmp[n++] = 'M';
        tmp[n++] = (char)('0' + p->insert_age);
        tmp[n++] = '_';
        tmp[n++] = 'R';
        tmp[n++] = (char)('0' + p->replace);
        tmp[n++] = '_';
        tmp[n++] = 'U';
        tmp[n++] = (char)('0' + p->update);
        if (p->update_on_miss_only) {
            tmp[n++] = '_';
            tmp[n++] = 'U';
            tmp[n++] = 'M';
            tmp[n++] = 'O';
        }
        tmp[n] = '\0';
        s = tmp;
    } else {
        s = simple_names[p->kind];
        while (s[n] != '\0')
            n++;
    }
    for (k = 0; buflen > 0 && k < n && k + 1 < buflen; k++)
        buf[k] = s[k];
    if (buflen > 0)
        buf[k] = '\0';
    return n;
}

int cs_policy_check(const cs_policy_t *p, unsigned long assoc, const char **err)
{
    switch (p->kind) {
    case CS_POLICY_LRU:
    case CS_POLICY_FIFO:
        return 0;
    case CS_POLICY_TREE_PLRU:
        if (assoc > 64 || (assoc & (assoc - 1)) != 0) {
            *err = "tree-plru needs a power-of-two associativity of at most 64";
            return -1;
        }
        return 0;
    case CS_POLICY_BIT_PLRU:
        if (assoc > 64) {
            *err = "bit-plru supports at most 64 ways";
            return -1;
        }
        return 0;
    case CS_POLICY_LRU3PLRU4:
        if (assoc != 12) {
            *err = "lru3plru4 needs exactly 12 ways (three 4-way trees)";
            return -1;
        }
        return 0;
    default:
        if (assoc > 255) {
            *err = "associativities above 255 are supported with lru and fifo only";
            return -1;
        }
        return 0;
    }
}

int cs_policy_equal(const cs_policy_t *a, const cs_policy_t *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind != CS_POLICY_QLRU)
        return 1;
    return a->hit_age[2] == b->hit_age[2] && a->hit_age[3] == b->hit_age[3]
        && a->insert_age == b->insert_age && a->replace == b->replace
        && a->update == b->update && a->update_on_miss_only == b->update_on_miss_only;
}

/* ---------------------------------------------------------------------
 * Storage and set-up
 * --------------------------------------------------------------------- */

static int uses_ages(unsigned kind)
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

static unsigned long round8(unsigned long n)
{
    return (n + 7) & ~7UL;
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
    unsigned long bytes = lines * sizeof(cs_line_t);

    if (uses_ages(p->kind))
        bytes += round8(lines);
    if (uses_bits(p->kind))
        bytes += sets * sizeof(cs_policy_bits_t);
    if (uses_memo(p->kind))
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
    c->full_bits = g->assoc >= 64 ? ~0ULL : (1ULL << g->assoc) - 1;
    c->policy = *p;
    c->fast = fast_kind(p);
    c->variant = variant_of(p, g->assoc);
    c->lines = (cs_line_t *)next;
    next += lines * sizeof(cs_line_t);
    c->ages = 0;
    c->bits = 0;
    c->mru = 0;
    if (uses_ages(p->kind)) {
        c->ages = next;
        next += round8(lines);
    }
    if (uses_bits(p->kind)) {
        c->bits = (cs_policy_bits_t *)next;
        next += sets * sizeof(cs_policy_bits_t);
    }
    if (uses_memo(p->kind))
        c->mru = next;
    c->rng = splitmix64(seed);
    if (c->rng == 0)
        c->rng = 1;
    c->mirror_read = 0;
    c->mirror_write = 0;
    cs_policy_flush(c, cachegrind_start);
}

/* The set's entries of the mirrors (cs_policy_set_mirrors), after any
 * change to the set. */
static inline __attribute__((always_inline)) void
mirror_update_as(cs_policy_cache_t *c, unsigned long set, unsigned fast)
{
    const cs_line_t *slot;
    cs_line_t e;
    int ok;

    if (c->mirror_read == 0)
        return;
    /* cs_policy_fast_slot, with the fast exit's kind known where it is */
    if (fast == CS_POLICY_FAST_WAY0)
        slot = c->lines + set * c->assoc;
    else if (fast == CS_POLICY_FAST_MEMO)
        slot = c->lines + set * c->assoc + c->mru[set];
    else
        slot = cs_policy_fast_slot(c, set);
    e = slot != 0 ? *slot : 0;
    ok = (e & (CS_LINE_VALID | CS_LINE_PREFETCHED)) == CS_LINE_VALID;
    c->mirror_read[set] = ok ? e & ~CS_LINE_FLAGS : CS_POLICY_NO_LINE;
    if (c->mirror_write != 0)
        c->mirror_write[set] = ok && (e & CS_LINE_DIRTY) ? e & ~CS_LINE_FLAGS : CS_POLICY_NO_LINE;
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

/* The age of every way at the start (srrip, brrip, qlru), as in nanoBench's
 * simulator: an empty way counts as age 3 in the updates, and a way keeps
 * its age when its line is removed. */
#define START_AGE 3u

/* lru3plru4 keeps its group order in bits 16..21 of the set's word: two
 * bits per place, the most recent group first. */
#define GROUP_ORDER_SHIFT 16
#define GROUP_ORDER_START ((0ULL << 16) | (1ULL << 18) | (2ULL << 20))

void cs_policy_flush(cs_policy_cache_t *c, int cachegrind_start)
{
    unsigned long sets = c->set_mask + 1, n = sets * c->assoc, i;

    for (i = 0; i < n; i++)
        c->lines[i] = cachegrind_start ? CS_LINE_VALID : 0;
    if (c->ages != 0)
        for (i = 0; i < n; i++)
            c->ages[i] = cachegrind_start ? 0 : START_AGE;
    if (c->bits != 0)
        for (i = 0; i < sets; i++)
            c->bits[i] = c->policy.kind == CS_POLICY_LRU3PLRU4 ? GROUP_ORDER_START : 0;
    if (c->mru != 0)
        for (i = 0; i < sets; i++)
            c->mru[i] = 0;
    if (c->mirror_read != 0)
        for (i = 0; i < sets; i++)
            mirror_update(c, i);
}

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
    cs_line_t *l = c->lines + set * assoc;
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
        c->ages[set * assoc + way] = 0;
        break;
    case CS_POLICY_QLRU:
        age = c->ages + set * assoc;
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
    cs_line_t *l = c->lines + set * assoc;
    unsigned char *age = c->ages != 0 ? c->ages + set * assoc : 0;
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
    empty = kind == CS_POLICY_QLRU && rule->replace == 2 ? last_empty(l, assoc)
                                                                      : first_empty(l, assoc);
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
    cs_line_t *l = c->lines + set * assoc;
    cs_line_t e;
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
    w = (long)policy_hit_as(c, set, (unsigned long)w, kind, assoc, rule);
    l[w] = (e | set_flags) & ~clear_flags;
    mirror_update_as(c, set, fast_as(c, kind));
    return e;
}

/* One function per variant, so that each saves only the registers it
 * uses; cs_policy_lookup and cs_policy_fill jump to them. */
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

cs_line_t cs_policy_lookup(cs_policy_cache_t *c, unsigned long set, cs_line_t key,
                           cs_line_t set_flags, cs_line_t clear_flags)
{
    return variants[c->variant].lookup(c, set, key, set_flags, clear_flags);
}

cs_line_t cs_policy_fill(cs_policy_cache_t *c, unsigned long set, cs_line_t entry,
                         unsigned long *way_out)
{
    return variants[c->variant].fill(c, set, entry, way_out);
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
