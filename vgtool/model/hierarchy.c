/* hierarchy.c - the levels of a CPU description and one access through
 * them: lookups, fills, inclusion and write-back (see hierarchy.h). */
#include "hierarchy.h"
#include "classify.h"

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
            bytes += round8(cs_policy_storage_bytes(&cpu->cache[i].geom, &cpu->cache[i].policy))
                   + round8(cs_pf_storage_bytes(&cpu->cache[i].prefetcher));
    return bytes;
}

void cs_hier_init(cs_hier_t *h, const cs_cpu_t *cpu, void *zeroed)
{
    unsigned char *next = zeroed;
    unsigned i;

    h->pf_triggered = 0;
    h->pf_loads = 0;
    h->classify = 0;
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
        cs_pf_init(&h->pf[i], &cc->prefetcher, h->cache[i].line_bits, next);
        next += round8(cs_pf_storage_bytes(&cc->prefetcher));
        if (cc->prefetcher.kinds & CS_PF_ON_TRIGGER)
            h->pf_triggered |= 1u << i;
        if (cc->prefetcher.kinds & CS_PF_IPSTRIDE)
            h->pf_loads = 1;
    }
    h->has_l2 = cpu->cache[CS_CPU_L2].present;
    h->quirks = cpu->cachegrind_quirks;
    h->incl_shape = h->has_l2 && !h->quirks && h->inclusion[CS_CPU_L2] == CS_CPU_INCLUSIVE
                    && h->inclusion[CS_CPU_LL] == CS_CPU_INCLUSIVE;
    h->l1_quick = !h->quirks;
    h->dirty_for[CS_HIER_IFETCH] = 0;
    h->dirty_for[CS_HIER_READ] = 0;
    h->dirty_for[CS_HIER_WRITE] = cpu->writeback ? CS_LINE_DIRTY : 0;
    h->dirty_for[CS_HIER_MODIFY] = cpu->writeback ? CS_LINE_DIRTY : 0;
}

void cs_hier_flush(cs_hier_t *h)
{
    unsigned i;
    for (i = 0; i < CS_CPU_NCACHES; i++)
        if (i != CS_CPU_L2 || h->has_l2) {
            cs_policy_flush(&h->cache[i], h->quirks);
            cs_pf_flush(&h->pf[i]);
        }
    if (h->classify != 0)
        cs_classify_flush(h->classify);
}

void cs_hier_attach_classify(cs_hier_t *h, struct cs_classify *cl)
{
    unsigned i;
    for (i = 0; i < CS_CPU_NCACHES; i++)
        if (i != CS_CPU_L2 || h->has_l2)
            cs_classify_seed(cl, i, h->cache[i].rng);
    h->classify = cl;
    h->incl_shape = 0;          /* (its copies pass nothing to a classifier) */
    h->l1_quick = 0;
}

/* ---------------------------------------------------------------------
 * Where lines go
 * --------------------------------------------------------------------- */

/* The steps below take `incl`: 1 in the copies made for the usual shape
 * of the presets (cs_hier_t.incl_shape: an L2, L2 and LL inclusive, no
 * classifier, not Cachegrind's quirks), where what they would read from
 * the hierarchy is a constant and its tests fold away; 0 in the copies
 * that read it. */
static inline __attribute__((always_inline)) int has_l2(const cs_hier_t *h, int incl)
{
    return incl ? 1 : h->has_l2;
}

/* The inclusion of L2 or LL. */
static inline __attribute__((always_inline)) unsigned inclusion_of(const cs_hier_t *h, unsigned i,
                                                                   int incl)
{
    return incl ? CS_CPU_INCLUSIVE : h->inclusion[i];
}

static inline __attribute__((always_inline)) int classifying(const cs_hier_t *h, int incl)
{
    return !incl && h->classify != 0;
}

/* The cache a line leaving cache i goes to, or -1 (memory). */
static inline __attribute__((always_inline)) int next_out(const cs_hier_t *h, unsigned i, int incl)
{
    if (i == CS_CPU_LL)
        return -1;
    if (i == CS_CPU_L2 || !has_l2(h, incl))
        return CS_CPU_LL;
    return CS_CPU_L2;
}

/* The outcome's level of cache i. */
static unsigned level_of(unsigned i)
{
    return i == CS_CPU_I1 || i == CS_CPU_D1 ? CS_HIER_L1 : i == CS_CPU_L2 ? CS_HIER_L2 : CS_HIER_LL;
}

static inline __attribute__((always_inline)) int ll_exclusive(const cs_hier_t *h, int incl)
{
    return inclusion_of(h, CS_CPU_LL, incl) == CS_CPU_EXCLUSIVE;
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

static __attribute__((noinline)) void evict_any(cs_hier_t *h, unsigned i, cs_line_t victim,
                                                cs_hier_outcome_t *out);
static __attribute__((noinline)) void evict_incl(cs_hier_t *h, unsigned i, cs_line_t victim,
                                                 cs_hier_outcome_t *out);

/* Fill cache i with entry (not there) and handle the victim. */
static inline __attribute__((always_inline)) void fill(cs_hier_t *h, unsigned i, cs_line_t entry,
                                                       cs_hier_outcome_t *out, int incl)
{
    cs_policy_cache_t *c = &h->cache[i];
    cs_line_t victim = cs_policy_fill(c, set_of(c, entry), entry, 0);

    /* The usual victims need nothing, and are not worth evict's call: an
     * empty way, or a clean line that no inner copy follows out
     * (I1 and D1, or a level that is not inclusive) and no exclusive LL
     * takes in. */
    if (victim == 0)
        return;
    if (!(victim & CS_LINE_DIRTY)
        && (i < CS_CPU_L2 || inclusion_of(h, i, incl) != CS_CPU_INCLUSIVE
            || (i == CS_CPU_L2 && CS_LINE_IN_D1 != 0
                && !(victim & (CS_LINE_IN_I1 | CS_LINE_IN_D1))))
        && !(next_out(h, i, incl) == CS_CPU_LL && ll_exclusive(h, incl)))
        return;
    if (incl)
        evict_incl(h, i, victim, out);
    else
        evict_any(h, i, victim, out);
}

/* A line that L2 (or I1/D1 without L2) let go enters an exclusive LL. */
static inline __attribute__((always_inline)) void
into_victim_cache(cs_hier_t *h, cs_line_t entry, cs_hier_outcome_t *out, int incl)
{
    cs_policy_cache_t *c = &h->cache[CS_CPU_LL];
    unsigned long set = set_of(c, entry);
    long w = cs_policy_find(c, set, entry);
    if (w >= 0)
        cs_policy_set_lines(c, set)[w] |= entry & CS_LINE_DIRTY;
    else
        fill(h, CS_CPU_LL, entry, out, incl);
}

/* A dirty line written back into cache i: marked dirty if there (no
 * replacement update: not a demand access), else allocated there. */
static inline __attribute__((always_inline)) void
write_back_to(cs_hier_t *h, unsigned i, cs_line_t key, cs_hier_outcome_t *out, int incl)
{
    cs_policy_cache_t *c = &h->cache[i];
    unsigned long set = set_of(c, key);
    long w = cs_policy_find(c, set, key);

    if (w >= 0) {
        cs_policy_set_lines(c, set)[w] |= CS_LINE_DIRTY;
        return;
    }
    if (i == CS_CPU_L2 && ll_exclusive(h, incl))
        take_line(h, CS_CPU_LL, key);
    fill(h, i, key | CS_LINE_DIRTY, out, incl);
}

/* Cache i evicted victim (0: nothing was evicted). */
static inline __attribute__((always_inline)) void
evict(cs_hier_t *h, unsigned i, cs_line_t victim, cs_hier_outcome_t *out, int incl)
{
    cs_line_t key = (victim & ~(CS_LINE_FLAGS | CS_LINE_IN_I1 | CS_LINE_IN_D1)) | CS_LINE_VALID;
    cs_line_t dirty = victim & CS_LINE_DIRTY;
    int next;

    if (victim == 0)
        return;
    if (i >= CS_CPU_L2 && inclusion_of(h, i, incl) == CS_CPU_INCLUSIVE) {
        /* Back-invalidation; newer data in an inner copy leaves with it.
         * An inclusive L2 holds every line of I1 and D1 (each fill inside
         * it fills it too, and its victims leave them): when it does not
         * hold LL's victim, neither do they; and its copy of a line that
         * is in I1 has IN_I1 (every fill of I1 looks L2 up or fills it
         * first, which sets it), so without the bit I1 is not searched;
         * the same for D1 with IN_D1 (where entries have room for it). */
        int inner = 1, i1 = 1, d1 = 1;
        if (i == CS_CPU_LL && has_l2(h, incl)) {
            cs_line_t in_l2 = take_line(h, CS_CPU_L2, key);
            int l2_inclusive = inclusion_of(h, CS_CPU_L2, incl) == CS_CPU_INCLUSIVE;
            dirty |= in_l2 & CS_LINE_DIRTY;
            inner = in_l2 != 0 || !l2_inclusive;
            i1 = !l2_inclusive || (in_l2 & CS_LINE_IN_I1);
            d1 = !l2_inclusive || CS_LINE_IN_D1 == 0 || (in_l2 & CS_LINE_IN_D1);
        } else if (i == CS_CPU_L2) {
            i1 = (victim & CS_LINE_IN_I1) != 0;
            d1 = CS_LINE_IN_D1 == 0 || (victim & CS_LINE_IN_D1) != 0;
        }
        if (inner) {
            if (i1)
                dirty |= take_line(h, CS_CPU_I1, key) & CS_LINE_DIRTY;
            if (d1)
                dirty |= take_line(h, CS_CPU_D1, key) & CS_LINE_DIRTY;
        }
    }
    next = next_out(h, i, incl);
    if (next == CS_CPU_LL && ll_exclusive(h, incl)) {
        if (dirty)
            add_writeback(out, level_of(i));
        into_victim_cache(h, key | dirty, out, incl);
    } else if (dirty) {
        add_writeback(out, level_of(i));
        if (next >= 0)
            write_back_to(h, (unsigned)next, key, out, incl);
    }
}

static __attribute__((noinline)) void evict_any(cs_hier_t *h, unsigned i, cs_line_t victim,
                                                cs_hier_outcome_t *out)
{
    evict(h, i, victim, out, 0);
}

static __attribute__((noinline)) void evict_incl(cs_hier_t *h, unsigned i, cs_line_t victim,
                                                 cs_hier_outcome_t *out)
{
    evict(h, i, victim, out, 1);
}

/* ---------------------------------------------------------------------
 * Miss classification (classify.h)
 * --------------------------------------------------------------------- */

/* A lookup of key in cache i: pass it to the classifier, and give a
 * demand miss its class in the outcome (the first of the access's lines
 * to miss at a level sets it).  Called only with a classifier. */
static cs_hier_outcome_t classify(cs_hier_t *h, unsigned i, cs_line_t key, int hit, int demand,
                                  cs_hier_outcome_t out)
{
    unsigned cls, level;
    if (hit && demand) {
        cs_classify_hit(h->classify, i, key & ~CS_LINE_FLAGS);
        return out;
    }
    cls = cs_classify_ref(h->classify, i, key & ~CS_LINE_FLAGS, hit, demand);
    level = level_of(i);
    if (cls != CS_CLASSIFY_NONE && CS_HIER_CLASS(out, level) == 0)
        out |= (cs_hier_outcome_t)cls << CS_HIER_CLASS_SHIFT(level);
    return out;
}

/* ---------------------------------------------------------------------
 * One line through the levels
 * --------------------------------------------------------------------- */

/* The caches an access starting at cache `first` passes, innermost first. */
static inline __attribute__((always_inline)) unsigned
chain_from(const cs_hier_t *h, unsigned first, unsigned chain[3], int incl)
{
    unsigned n = 0;
    chain[n++] = first;
    if (first != CS_CPU_LL) {
        if (first != CS_CPU_L2 && has_l2(h, incl))
            chain[n++] = CS_CPU_L2;
        chain[n++] = CS_CPU_LL;
    }
    return n;
}

/* Steps 1 to 3 of hierarchy.h for the line of key, from cache `first`.
 * A prefetch counts no misses and marks the copy in `first` PREFETCHED
 * (or returns 0 at once if `first` holds the line already).
 * l1_missed: the caller has already looked the line up in `first` and
 * not found it. */
static inline __attribute__((always_inline)) cs_hier_outcome_t
access_line(cs_hier_t *h, unsigned first, cs_line_t key, cs_line_t dirty,
            int prefetch, int l1_missed, int incl)
{
    unsigned chain[3], n = chain_from(h, first, chain, incl), k = 0;
    cs_hier_outcome_t out = 0;
    cs_line_t carried = 0;
    /* what L2's copy gets: IN_I1 or IN_D1 when the line is on its way
     * to I1 or D1 */
    cs_line_t l2_bits = first == CS_CPU_I1 ? CS_LINE_IN_I1 : first == CS_CPU_D1 ? CS_LINE_IN_D1 : 0;

    if (l1_missed) {
        if (!prefetch)
            out = CS_HIER_MISS(level_of(first));
        k = 1;
        if (classifying(h, incl))
            out = classify(h, first, key, 0, !prefetch, out);
    }
    /* 1. lookups, outwards (each one passed to the classifier, if any) */
    for (; k < n; k++) {
        cs_policy_cache_t *c = &h->cache[chain[k]];
        unsigned long set = set_of(c, key);
        if (k > 0 && chain[k] == CS_CPU_LL && ll_exclusive(h, incl)) {
            /* a hit in an exclusive LL takes the line out of it */
            long way = cs_policy_find(c, set, key);
            if (way >= 0) {
                carried = cs_policy_remove(c, set, (unsigned long)way) & CS_LINE_DIRTY;
                if (classifying(h, incl))
                    out = classify(h, chain[k], key, 1, !prefetch, out);
                break;
            }
        } else if (prefetch) {
            if (k == 0) {
                if (cs_policy_find(c, set, key) >= 0)
                    return 0;           /* already there: nothing to do */
            } else if (cs_policy_lookup(c, set, key, chain[k] == CS_CPU_L2 ? l2_bits : 0, 0) != 0) {
                if (classifying(h, incl))
                    out = classify(h, chain[k], key, 1, 0, out);
                break;
            }
        } else {
            cs_line_t old = cs_policy_lookup(c, set, key,
                                             k == 0 ? dirty : chain[k] == CS_CPU_L2 ? l2_bits : 0,
                                             CS_LINE_PREFETCHED);
            if (old != 0) {
                if (old & CS_LINE_PREFETCHED)
                    out |= CS_HIER_USEFUL_PF(level_of(chain[k]));
                if (classifying(h, incl))
                    out = classify(h, chain[k], key, 1, 1, out);
                break;
            }
        }
        if (!prefetch)
            out |= CS_HIER_MISS(level_of(chain[k]));
        if (classifying(h, incl))
            out = classify(h, chain[k], key, 0, !prefetch, out);
    }
    /* 2. fills, inwards; 3. each victim as it comes */
    while (k-- > 0) {
        cs_line_t entry = key | carried;
        if (chain[k] == CS_CPU_LL && ll_exclusive(h, incl))
            continue;
        carried = 0;
        if (k == 0)
            entry |= prefetch ? CS_LINE_PREFETCHED : dirty;
        else if (chain[k] == CS_CPU_L2)
            entry |= l2_bits;
        fill(h, chain[k], entry, &out, incl);
    }
    return out;
}

/* access_line, in the copies for the presets' shape with `first` a
 * constant too: the chain of caches is then known, and its loops unroll
 * with each level's tests decided. */
static inline __attribute__((always_inline)) cs_hier_outcome_t
access_line_from(cs_hier_t *h, unsigned first, cs_line_t key, cs_line_t dirty, int prefetch,
                 int l1_missed, int incl)
{
    if (!incl)
        return access_line(h, first, key, dirty, prefetch, l1_missed, 0);
    switch (first) {
    case CS_CPU_I1:
        return access_line(h, CS_CPU_I1, key, dirty, prefetch, l1_missed, 1);
    case CS_CPU_D1:
        return access_line(h, CS_CPU_D1, key, dirty, prefetch, l1_missed, 1);
    case CS_CPU_L2:
        return access_line(h, CS_CPU_L2, key, dirty, prefetch, l1_missed, 1);
    default:
        return access_line(h, CS_CPU_LL, key, dirty, prefetch, l1_missed, 1);
    }
}

/* Cachegrind's way: level by level, each line a lookup-and-update there.
 * l1_missed: the access is within one line, which the caller has looked
 * up in `first` and not found (the classifier's path). */
static cs_hier_outcome_t access_quirks(cs_hier_t *h, unsigned first, cs_hier_addr_t addr,
                                       unsigned long size, int l1_missed)
{
    unsigned chain[3], n = chain_from(h, first, chain, 0), k;
    cs_hier_outcome_t out = 0;

    for (k = 0; k < n; k++) {
        cs_policy_cache_t *c = &h->cache[chain[k]];
        cs_hier_addr_t b1 = addr >> c->line_bits, b2 = (addr + size - 1) >> c->line_bits;
        cs_line_t evicted, key1 = cs_line_key(b1, c->line_bits), key2;
        int miss1, miss2 = 0;
        if (k == 0 && l1_missed) {
            cs_policy_fill(c, b1 & c->set_mask, key1, 0);     /* cs_policy_ref's miss */
            miss1 = 1;
        } else {
            miss1 = cs_policy_ref(c, b1 & c->set_mask, key1, 0, &evicted);
        }
        if (h->classify)
            out = classify(h, chain[k], key1, !miss1, 1, out);
        if (b2 != b1) {
            key2 = cs_line_key(b2, c->line_bits);
            miss2 = cs_policy_ref(c, b2 & c->set_mask, key2, 0, &evicted);
            if (h->classify)
                out = classify(h, chain[k], key2, !miss2, 1, out);
        }
        if (!(miss1 | miss2))
            break;
        out |= CS_HIER_MISS(level_of(chain[k]));
    }
    return out;
}

#define WB_BITS 0xffffff00ULL                      /* bits 8..31 */
#define PF_BITS (0x1fffffULL << 41)                 /* bits 41..61 */

/* The outcomes of an access's two lines as one: miss bits OR together, a
 * useful prefetch of both lines at a level counts twice, each level keeps
 * the first line's class if it has one, and writebacks and prefetches add
 * up. */
static cs_hier_outcome_t combine(cs_hier_outcome_t a, cs_hier_outcome_t b)
{
    cs_hier_outcome_t out = ((a | b) & 0xffu) + (a & WB_BITS) + (b & WB_BITS)
                          + (a & PF_BITS) + (b & PF_BITS);
    unsigned level;
    for (level = CS_HIER_L1; level <= CS_HIER_LL; level++) {
        if ((a & b) & CS_HIER_USEFUL_PF(level))
            out |= CS_HIER_USEFUL_PF2(level);
        out |= (cs_hier_outcome_t)(CS_HIER_CLASS(a, level) ? CS_HIER_CLASS(a, level)
                                                          : CS_HIER_CLASS(b, level))
               << CS_HIER_CLASS_SHIFT(level);
    }
    return out;
}

/* ---------------------------------------------------------------------
 * Prefetches (prefetch.h)
 * --------------------------------------------------------------------- */

/* Prefetch line (a line number) into cache i unless it is there; a fill
 * counts one prefetch of the level, and its writebacks. */
static inline __attribute__((always_inline)) cs_hier_outcome_t
issue(cs_hier_t *h, unsigned i, unsigned long line, cs_hier_outcome_t out, int incl)
{
    unsigned level = level_of(i);
    cs_policy_cache_t *c = &h->cache[i];
    cs_line_t key = cs_line_key(line, c->line_bits);
    cs_hier_outcome_t r;

    /* the common case, a line the cache holds: dropped (as access_line
     * would, with no lookup passed to a classifier) */
    if (cs_policy_find(c, line & c->set_mask, key) >= 0)
        return out;
    r = access_line_from(h, i, key, 0, 1, 1, incl);
    out += r & WB_BITS;
    if (CS_HIER_PREFETCHES(out, level) < 0x7f)
        out += 1ULL << CS_HIER_PF_SHIFT(level);
    return out;
}

static __attribute__((noinline)) cs_hier_outcome_t
issue_any(cs_hier_t *h, unsigned i, unsigned long line, cs_hier_outcome_t out)
{
    return issue(h, i, line, out, 0);
}

static __attribute__((noinline)) cs_hier_outcome_t
issue_incl(cs_hier_t *h, unsigned i, unsigned long line, cs_hier_outcome_t out)
{
    return issue(h, i, line, out, 1);
}

/* After one line of a demand access (its outcome `line_out`): run the
 * prefetchers its lookups triggered, adding to out. */
static inline __attribute__((always_inline)) cs_hier_outcome_t
run_prefetchers(cs_hier_t *h, cs_hier_kind_t kind, cs_line_t key, cs_hier_outcome_t line_out,
                cs_hier_outcome_t out, int incl)
{
    /* The levels whose lookup was a trigger (a miss, or the use of a
     * prefetched line), as the caches they are: level l is cache l + 1
     * (D1, L2, LL), D1 for data only; with prefetchers run on triggers.
     * Taken in that order. */
    unsigned caches = ((unsigned)(line_out | line_out >> 3) & 7u) << 1 & h->pf_triggered;
    if (kind == CS_HIER_IFETCH)
        caches &= ~(1u << CS_CPU_D1);
    while (caches != 0) {
        unsigned i = (unsigned)__builtin_ctz(caches), level = i - 1, n, t;
        unsigned long targets[CS_PF_MAX_TARGETS];
        caches &= caches - 1;
        n = cs_pf_trigger(&h->pf[i], key >> h->cache[i].line_bits,
                          (line_out & CS_HIER_MISS(level)) != 0, targets);
        for (t = 0; t < n; t++)
            out = incl ? issue_incl(h, i, targets[t], out) : issue_any(h, i, targets[t], out);
    }
    return out;
}

static __attribute__((noinline)) cs_hier_outcome_t
run_prefetchers_any(cs_hier_t *h, cs_hier_kind_t kind, cs_line_t key, cs_hier_outcome_t line_out,
                    cs_hier_outcome_t out)
{
    return run_prefetchers(h, kind, key, line_out, out, 0);
}

static __attribute__((noinline)) cs_hier_outcome_t
run_prefetchers_incl(cs_hier_t *h, cs_hier_kind_t kind, cs_line_t key, cs_hier_outcome_t line_out,
                     cs_hier_outcome_t out)
{
    return run_prefetchers(h, kind, key, line_out, out, 1);
}

/* One line of a demand access, then the prefetchers it triggered. */
static __attribute__((noinline)) cs_hier_outcome_t
demand_line(cs_hier_t *h, cs_hier_kind_t kind, unsigned first, cs_line_t key)
{
    cs_hier_outcome_t out = access_line(h, first, key, h->dirty_for[kind], 0, 0, 0);
    if (!h->pf_triggered)
        return out;
    return run_prefetchers_any(h, kind, key, out, out);
}

/* An access within one line, after its L1 lookup gave old (0: a miss;
 * else what L1 held): the levels beyond on a miss, and the prefetchers
 * the access triggered. */
static inline __attribute__((always_inline)) cs_hier_outcome_t
l1_looked_up(cs_hier_t *h, cs_hier_kind_t kind, cs_line_t key, cs_line_t old, int incl)
{
    unsigned first = kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1;
    cs_hier_outcome_t out;

    if (old != 0)
        out = old & CS_LINE_PREFETCHED ? CS_HIER_USEFUL_PF(CS_HIER_L1) : 0;
    else
        out = access_line_from(h, first, key, h->dirty_for[kind], 0, 1, incl);
    if (!h->pf_triggered || out == 0)
        return out;
    return incl ? run_prefetchers_incl(h, kind, key, out, out)
                : run_prefetchers_any(h, kind, key, out, out);
}

/* cs_hier_access_slow without h->l1_quick: with a classifier, or under
 * Cachegrind's quirks.  (So never the presets' inclusive shape, whose
 * copies need neither: incl_shape implies l1_quick.) */
cs_hier_outcome_t cs_hier_access_general(cs_hier_t *h, cs_hier_kind_t kind, cs_hier_addr_t addr,
                                         unsigned long size)
{
    unsigned first = kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1;
    unsigned bits = h->cache[first].line_bits;
    cs_hier_addr_t b1 = addr >> bits, b2 = (addr + size - 1) >> bits;
    cs_hier_outcome_t out;

    if (h->quirks)
        return access_quirks(h, first, addr, size, 0);
    if (b1 == b2) {
        /* an L1 hit off the MRU line: the lookup, and the classifier's */
        cs_policy_cache_t *c = &h->cache[first];
        cs_line_t key = cs_line_key(b1, bits);
        cs_line_t old = cs_policy_lookup(c, b1 & c->set_mask, key, h->dirty_for[kind],
                                         CS_LINE_PREFETCHED);
        if (old != 0 && h->classify != 0)
            classify(h, first, key, 1, 1, 0);
        return l1_looked_up(h, kind, key, old, 0);
    }
    out = demand_line(h, kind, first, cs_line_key(b1, bits));    /* the first line first */
    return combine(out, demand_line(h, kind, first, cs_line_key(b2, bits)));
}

cs_hier_outcome_t cs_hier_combine(cs_hier_outcome_t first, cs_hier_outcome_t second)
{
    return combine(first, second);
}

cs_hier_outcome_t cs_hier_l1_looked_up(cs_hier_t *h, cs_hier_kind_t kind, cs_line_t key,
                                       cs_line_t old)
{
    if (h->incl_shape)
        return l1_looked_up(h, kind, key, old, 1);
    return l1_looked_up(h, kind, key, old, 0);
}

/* cs_hier_access_classified past its fast exit: an L1 hit off the
 * fast-exit line under Cachegrind's model, an access across two lines,
 * and the general path; out of line, so that the fast exit saves few
 * registers. */
static __attribute__((noinline)) cs_hier_outcome_t
classified_past_fast_exit(cs_hier_t *h, cs_hier_kind_t kind, cs_hier_addr_t addr,
                          unsigned long size)
{
    unsigned first = kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1;
    cs_policy_cache_t *c = &h->cache[first];
    cs_hier_addr_t block = addr >> c->line_bits;

    if (block == (addr + size - 1) >> c->line_bits) {
        cs_line_t key = cs_line_key(block, c->line_bits);
        if (h->quirks) {
            /* access_quirks' first lookup, here so that a hit (one off
             * the fast-exit line) goes no further */
            if (cs_policy_lookup(c, block & c->set_mask, key, 0, 0) != 0) {
                cs_classify_hit(h->classify, first, key & ~CS_LINE_FLAGS);
                return 0;
            }
            return access_quirks(h, first, addr, size, 1);
        }
    } else if (block + 1 == (addr + size - 1) >> c->line_bits) {
        /* across two lines (a fetch now and then): both on their sets'
         * fast-exit lines (so in two sets: the first one's hit leaves the
         * second one's set as it was); the twin sees both, in order */
        cs_line_t *slot1 = cs_policy_fast_slot(c, block & c->set_mask);
        cs_line_t *slot2 = cs_policy_fast_slot(c, (block + 1) & c->set_mask);
        cs_line_t key1 = cs_line_key(block, c->line_bits);
        cs_line_t key2 = cs_line_key(block + 1, c->line_bits);
        if (slot1 != 0 && slot2 != 0 && (*slot1 ^ key1) < 2 && (*slot2 ^ key2) < 2) {
            *slot1 |= h->dirty_for[kind];
            *slot2 |= h->dirty_for[kind];
            cs_classify_hit(h->classify, first, key1 & ~CS_LINE_FLAGS);
            cs_classify_hit(h->classify, first, key2 & ~CS_LINE_FLAGS);
            return 0;
        }
    }
    return cs_hier_access_slow(h, kind, addr, size);
}

cs_hier_outcome_t cs_hier_access_classified(cs_hier_t *h, cs_hier_kind_t kind,
                                            cs_hier_addr_t addr, unsigned long size)
{
    unsigned first = kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1;
    cs_policy_cache_t *c = &h->cache[first];
    cs_hier_addr_t block = addr >> c->line_bits;

    if (block == (addr + size - 1) >> c->line_bits) {
        /* cs_hier_access's fast exit; the twin sees the hit (unless it
         * was its last line, when the lookup changes nothing there) */
        cs_line_t *slot = cs_policy_fast_slot(c, block & c->set_mask);
        cs_line_t key = cs_line_key(block, c->line_bits);
        if (slot != 0 && (*slot ^ key) < 2) {
            *slot |= h->dirty_for[kind];
            cs_classify_hit(h->classify, first, key & ~CS_LINE_FLAGS);
            return 0;
        }
    }
    return classified_past_fast_exit(h, kind, addr, size);
}

cs_hier_outcome_t cs_hier_prefetch_d1_lines(cs_hier_t *h, const unsigned long *lines, unsigned n,
                                            cs_hier_outcome_t out)
{
    unsigned t;
    for (t = 0; t < n; t++)
        out = h->incl_shape ? issue_incl(h, CS_CPU_D1, lines[t], out)
                            : issue_any(h, CS_CPU_D1, lines[t], out);
    return out;
}

cs_hier_outcome_t cs_hier_prefetch(cs_hier_t *h, unsigned cache, cs_hier_addr_t addr)
{
    unsigned bits = h->cache[cache].line_bits;
    return access_line(h, cache, cs_line_key(addr >> bits, bits), 0, 1, 0, 0);
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
    return w < 0 ? 0 : cs_policy_set_lines(c, set)[w] & CS_LINE_FLAGS;
}
