/* hierarchy.c - the levels of a CPU description and one access through
 * them: lookups, fills, inclusion and write-back (see hierarchy.h). */
#include "hierarchy.h"

static unsigned long round8(unsigned long n)
{
    return (n + 7) & ~7UL;
}

unsigned long cs_hier_storage_bytes(const cs_cpu_t *cpu)
{
    unsigned long bytes = 0;
    unsigned i;
    for (i = 0; i < CS_CPU_NCACHES; i++)
        if (cpu->cache[i].present)
            bytes += round8(cs_policy_storage_bytes(&cpu->cache[i].geom, &cpu->cache[i].policy));
    return bytes;
}

void cs_hier_init(cs_hier_t *h, const cs_cpu_t *cpu, void *zeroed)
{
    unsigned char *next = zeroed;
    unsigned i;

    for (i = 0; i < CS_CPU_NCACHES; i++) {
        const cs_cpu_cache_t *cc = &cpu->cache[i];
        h->inclusion[i] = cc->inclusion;
        if (!cc->present)
            continue;
        /* Each cache its own generator: the description's seed mixed
         * with the cache's place. */
        cs_policy_init(&h->cache[i], &cc->geom, &cc->policy,
                       (unsigned long long)cpu->seed + 0x9E3779B97F4A7C15ULL * (i + 1), next,
                       cpu->cachegrind_quirks);
        next += round8(cs_policy_storage_bytes(&cc->geom, &cc->policy));
    }
    h->has_l2 = cpu->cache[CS_CPU_L2].present;
    h->quirks = cpu->cachegrind_quirks;
    h->dirty_for[CS_HIER_IFETCH] = 0;
    h->dirty_for[CS_HIER_READ] = 0;
    h->dirty_for[CS_HIER_WRITE] = cpu->writeback ? CS_LINE_DIRTY : 0;
    h->dirty_for[CS_HIER_MODIFY] = cpu->writeback ? CS_LINE_DIRTY : 0;
}

void cs_hier_flush(cs_hier_t *h)
{
    unsigned i;
    for (i = 0; i < CS_CPU_NCACHES; i++)
        if (i != CS_CPU_L2 || h->has_l2)
            cs_policy_flush(&h->cache[i], h->quirks);
}

/* ---------------------------------------------------------------------
 * Where lines go
 * --------------------------------------------------------------------- */

/* The cache a line leaving cache i goes to, or -1 (memory). */
static int next_out(const cs_hier_t *h, unsigned i)
{
    if (i == CS_CPU_LL)
        return -1;
    if (i == CS_CPU_L2 || !h->has_l2)
        return CS_CPU_LL;
    return CS_CPU_L2;
}

/* The outcome's level of cache i. */
static unsigned level_of(unsigned i)
{
    return i == CS_CPU_I1 || i == CS_CPU_D1 ? CS_HIER_L1 : i == CS_CPU_L2 ? CS_HIER_L2 : CS_HIER_LL;
}

static int ll_exclusive(const cs_hier_t *h)
{
    return h->inclusion[CS_CPU_LL] == CS_CPU_EXCLUSIVE;
}

static unsigned long set_of(const cs_policy_cache_t *c, cs_line_t key)
{
    return (key >> c->line_bits) & c->set_mask;
}

/* Take the line out of cache i if it is there; what it held (0 if not). */
static cs_line_t take_line(cs_hier_t *h, unsigned i, cs_line_t key)
{
    cs_policy_cache_t *c = &h->cache[i];
    unsigned long set = set_of(c, key);
    long w = cs_policy_find(c, set, key);
    return w < 0 ? 0 : cs_policy_remove(c, set, (unsigned long)w);
}

static void add_writeback(cs_hier_outcome_t *out, unsigned level)
{
    if (CS_HIER_WRITEBACKS(*out, level) < 0xff)
        *out += 1u << CS_HIER_WB_SHIFT(level);
}

static void evict(cs_hier_t *h, unsigned i, cs_line_t victim, cs_hier_outcome_t *out);

/* Fill cache i with entry (not there) and handle the victim. */
static void fill(cs_hier_t *h, unsigned i, cs_line_t entry, cs_hier_outcome_t *out)
{
    cs_policy_cache_t *c = &h->cache[i];
    evict(h, i, cs_policy_fill(c, set_of(c, entry), entry, 0), out);
}

/* A line that L2 (or I1/D1 without L2) let go enters an exclusive LL. */
static void into_victim_cache(cs_hier_t *h, cs_line_t entry, cs_hier_outcome_t *out)
{
    cs_policy_cache_t *c = &h->cache[CS_CPU_LL];
    unsigned long set = set_of(c, entry);
    long w = cs_policy_find(c, set, entry);
    if (w >= 0)
        c->lines[set * c->assoc + (unsigned long)w] |= entry & CS_LINE_DIRTY;
    else
        fill(h, CS_CPU_LL, entry, out);
}

/* A dirty line written back into cache i: marked dirty if there (no
 * replacement update: not a demand access), else allocated there. */
static void write_back_to(cs_hier_t *h, unsigned i, cs_line_t key, cs_hier_outcome_t *out)
{
    cs_policy_cache_t *c = &h->cache[i];
    unsigned long set = set_of(c, key);
    long w = cs_policy_find(c, set, key);

    if (w >= 0) {
        c->lines[set * c->assoc + (unsigned long)w] |= CS_LINE_DIRTY;
        return;
    }
    if (i == CS_CPU_L2 && ll_exclusive(h))
        take_line(h, CS_CPU_LL, key);
    fill(h, i, key | CS_LINE_DIRTY, out);
}

/* Cache i evicted victim (0: nothing was evicted). */
static void evict(cs_hier_t *h, unsigned i, cs_line_t victim, cs_hier_outcome_t *out)
{
    cs_line_t key = (victim & ~CS_LINE_FLAGS) | CS_LINE_VALID;
    cs_line_t dirty = victim & CS_LINE_DIRTY;
    int next;

    if (victim == 0)
        return;
    if (i >= CS_CPU_L2 && h->inclusion[i] == CS_CPU_INCLUSIVE) {
        /* Back-invalidation; newer data in an inner copy leaves with it. */
        if (i == CS_CPU_LL && h->has_l2)
            dirty |= take_line(h, CS_CPU_L2, key) & CS_LINE_DIRTY;
        dirty |= take_line(h, CS_CPU_I1, key) & CS_LINE_DIRTY;
        dirty |= take_line(h, CS_CPU_D1, key) & CS_LINE_DIRTY;
    }
    next = next_out(h, i);
    if (next == CS_CPU_LL && ll_exclusive(h)) {
        if (dirty)
            add_writeback(out, level_of(i));
        into_victim_cache(h, key | dirty, out);
    } else if (dirty) {
        add_writeback(out, level_of(i));
        if (next >= 0)
            write_back_to(h, (unsigned)next, key, out);
    }
}

/* ---------------------------------------------------------------------
 * One line through the levels
 * --------------------------------------------------------------------- */

/* The caches an access starting at cache `first` passes, innermost first. */
static unsigned chain_from(const cs_hier_t *h, unsigned first, unsigned chain[3])
{
    unsigned n = 0;
    chain[n++] = first;
    if (first != CS_CPU_LL) {
        if (first != CS_CPU_L2 && h->has_l2)
            chain[n++] = CS_CPU_L2;
        chain[n++] = CS_CPU_LL;
    }
    return n;
}

/* Steps 1 to 3 of hierarchy.h for the line of key, from cache `first`.
 * A prefetch counts no misses and marks the copy in `first` PREFETCHED.
 * l1_missed: the caller has already looked the line up in `first`. */
static cs_hier_outcome_t access_line(cs_hier_t *h, unsigned first, cs_line_t key, cs_line_t dirty,
                                     int prefetch, int l1_missed)
{
    unsigned chain[3], n = chain_from(h, first, chain), k = 0;
    cs_hier_outcome_t out = 0;
    cs_line_t carried = 0;

    if (l1_missed) {
        out = CS_HIER_MISS(level_of(first));
        k = 1;
    }
    /* 1. lookups, outwards (the place for a shadow cache per level) */
    for (; k < n; k++) {
        cs_policy_cache_t *c = &h->cache[chain[k]];
        unsigned long set = set_of(c, key);
        if (k > 0 && chain[k] == CS_CPU_LL && ll_exclusive(h)) {
            /* a hit in an exclusive LL takes the line out of it */
            long way = cs_policy_find(c, set, key);
            if (way >= 0) {
                carried = cs_policy_remove(c, set, (unsigned long)way) & CS_LINE_DIRTY;
                break;
            }
        } else if (prefetch) {
            if (k == 0) {
                if (cs_policy_find(c, set, key) >= 0)
                    return 0;           /* already there: nothing to do */
            } else if (cs_policy_lookup(c, set, key, 0, 0) != 0) {
                break;
            }
        } else {
            cs_line_t old = cs_policy_lookup(c, set, key, k == 0 ? dirty : 0,
                                             CS_LINE_PREFETCHED);
            if (old != 0) {
                if (old & CS_LINE_PREFETCHED)
                    out |= CS_HIER_USEFUL_PF(level_of(chain[k]));
                break;
            }
        }
        if (!prefetch)
            out |= CS_HIER_MISS(level_of(chain[k]));
    }
    /* 2. fills, inwards; 3. each victim as it comes */
    while (k-- > 0) {
        cs_line_t entry = key | carried;
        if (chain[k] == CS_CPU_LL && ll_exclusive(h))
            continue;
        carried = 0;
        if (k == 0)
            entry |= prefetch ? CS_LINE_PREFETCHED : dirty;
        fill(h, chain[k], entry, &out);
    }
    return out;
}

/* Cachegrind's way: level by level, each line a lookup-and-update there. */
static cs_hier_outcome_t access_quirks(cs_hier_t *h, unsigned first, cs_hier_addr_t addr,
                                       unsigned long size)
{
    unsigned chain[3], n = chain_from(h, first, chain), k;
    cs_hier_outcome_t out = 0;

    for (k = 0; k < n; k++) {
        cs_policy_cache_t *c = &h->cache[chain[k]];
        cs_hier_addr_t b1 = addr >> c->line_bits, b2 = (addr + size - 1) >> c->line_bits;
        cs_line_t evicted;
        int miss = cs_policy_ref(c, b1 & c->set_mask, cs_line_key(b1, c->line_bits), 0,
                                 &evicted);
        if (b2 != b1)
            miss |= cs_policy_ref(c, b2 & c->set_mask, cs_line_key(b2, c->line_bits), 0,
                                  &evicted);
        if (!miss)
            break;
        out |= CS_HIER_MISS(level_of(chain[k]));
    }
    return out;
}

/* Miss and useful-prefetch bits OR together; writeback counts add up. */
static cs_hier_outcome_t combine(cs_hier_outcome_t a, cs_hier_outcome_t b)
{
    return ((a | b) & 0xffu) + (a & ~0xffu) + (b & ~0xffu);
}

cs_hier_outcome_t cs_hier_access_slow(cs_hier_t *h, cs_hier_kind_t kind, cs_hier_addr_t addr,
                                      unsigned long size)
{
    unsigned first = kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1;
    unsigned bits = h->cache[first].line_bits;
    cs_hier_addr_t b1 = addr >> bits, b2 = (addr + size - 1) >> bits;
    cs_hier_outcome_t out;

    if (h->quirks)
        return access_quirks(h, first, addr, size);
    if (b1 == b2) {
        /* an L1 hit off the MRU line: the lookup alone */
        cs_policy_cache_t *c = &h->cache[first];
        cs_line_t old = cs_policy_lookup(c, b1 & c->set_mask, cs_line_key(b1, bits),
                                         h->dirty_for[kind], CS_LINE_PREFETCHED);
        if (old != 0)
            return old & CS_LINE_PREFETCHED ? CS_HIER_USEFUL_PF(CS_HIER_L1) : 0;
        return access_line(h, first, cs_line_key(b1, bits), h->dirty_for[kind], 0, 1);
    }
    out = access_line(h, first, cs_line_key(b1, bits), h->dirty_for[kind], 0, 0);
    if (b2 != b1)
        out = combine(out, access_line(h, first, cs_line_key(b2, bits), h->dirty_for[kind], 0, 0));
    return out;
}

cs_hier_outcome_t cs_hier_prefetch(cs_hier_t *h, unsigned cache, cs_hier_addr_t addr)
{
    unsigned bits = h->cache[cache].line_bits;
    return access_line(h, cache, cs_line_key(addr >> bits, bits), 0, 1, 0);
}

cs_line_t cs_hier_probe(const cs_hier_t *h, unsigned cache, cs_hier_addr_t addr)
{
    const cs_policy_cache_t *c = &h->cache[cache];
    cs_line_t key = cs_line_key(addr >> c->line_bits, c->line_bits);
    unsigned long set = set_of(c, key);
    long w;

    if (cache == CS_CPU_L2 && !h->has_l2)
        return 0;
    w = cs_policy_find(c, set, key);
    return w < 0 ? 0 : c->lines[set * c->assoc + (unsigned long)w] & CS_LINE_FLAGS;
}
