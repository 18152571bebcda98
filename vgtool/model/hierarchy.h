/* hierarchy.h - a memory hierarchy of I1, D1, an optional private L2 and
 * the last level (LL), built from a CPU description (cpu_desc.h), and the
 * step that simulates one access through it.
 *
 * Plain C, no Valgrind headers, no libc: unit-tested on the host and
 * compiled into the tool unchanged.  The caller provides zero-filled
 * storage of cs_hier_storage_bytes() bytes.
 *
 * One access, in the general model (cachegrind-quirks=no):
 *   1. Each line of the access (an access across two lines is two lines,
 *      in address order) is looked up from L1 outwards (I1 for a fetch,
 *      D1 for data) until a level holds it; each level that does not is
 *      a miss there.  The level that holds it makes a hit update -- but
 *      an exclusive LL gives the line up (it leaves LL, keeping its dirty
 *      bit, and goes to the levels inside).
 *   2. The line is then filled into each level inside the one that held
 *      it (or into all of them, from memory), outermost first, except an
 *      exclusive LL, which demand misses never fill.  A write or modify
 *      marks the L1 copy dirty (write-back, write-allocate).
 *   3. Each fill may evict a line (its victim); each victim is handled
 *      before the next fill:
 *        - an inclusive level's victim is invalidated in every level
 *          inside it (back-invalidation);
 *        - a victim that is dirty here, or was dirty in an invalidated
 *          inner copy, is a writeback of this level (D1wb, L2wb, LLwb);
 *        - below an exclusive LL, every victim of the level just inside
 *          LL (L2, or I1 and D1 without L2), clean or dirty, goes into LL
 *          (if LL already holds it, only its dirty bit is merged);
 *        - otherwise a dirty victim is written to the next level out.  A
 *          writeback is not a demand access: it counts no access or miss
 *          and leaves the replacement state of a line that is there
 *          alone, only marking it dirty; when the line is not there (a
 *          non-inclusive level) it is allocated there, dirty, as a fill
 *          (whose own victim is handled the same way).  An allocation into
 *          L2 first takes the line out of an exclusive LL, so that LL
 *          stays exclusive.  LL's writebacks go to memory.
 *      A line's outcome counts at most one miss per level, however many
 *      of its lines missed; writebacks are counted each time.
 *
 * With cachegrind-quirks=yes (which the description check allows only
 * with non-inclusive levels and writeback=no, where levels do not affect
 * each other), an access is simulated level by level exactly as
 * Cachegrind's cg_sim.c does: both lines of an access across two lines
 * are looked up in L1; if either missed, both go to the next level; and
 * every way starts holding line 0.
 *
 * Prefetchers (prefetch.h, issue 27): a prefetch fill marks the line
 * PREFETCHED, and the first demand hit on such a line clears the mark and
 * sets the level's CS_HIER_USEFUL_PF bit in the outcome.  After each line
 * of a demand access, the prefetchers of D1 (data accesses only), L2 and
 * LL whose level the line missed, or hit on a prefetched line, are
 * triggered (D1's first, then L2's, LL's), and the lines they ask for
 * that their cache does not hold are prefetched into it
 * (cs_hier_prefetch); each such fill counts as one prefetch of that level
 * in the outcome (CS_HIER_PREFETCHES), charged with its writebacks to the
 * access that triggered it.  D1's ipstride prefetcher sees every load,
 * with its instruction address, through cs_hier_access_ext.
 *
 * Miss classification (classify.h): once a classifier is attached, each
 * lookup of a level -- L1 in cs_hier_access_slow, the outer levels in
 * access_line's first loop, each level of the Cachegrind path, and the
 * lookups of prefetches -- is passed to it, and each demand miss of a
 * level gets its class in the outcome (CS_HIER_CLASS): that of the first
 * of the access's lines that missed there.  The fast exit below skips the
 * twin, so with a classifier the access step is cs_hier_access_ext.
 */
#ifndef CACHESIM_MODEL_HIERARCHY_H
#define CACHESIM_MODEL_HIERARCHY_H

#include "classify.h"
#include "cpu_desc.h"
#include "policy.h"

typedef unsigned long cs_hier_addr_t;

typedef enum {
    CS_HIER_IFETCH,     /* instruction fetch: I1 */
    CS_HIER_READ,       /* data read: D1 */
    CS_HIER_WRITE,      /* data write: D1, marks the line dirty */
    CS_HIER_MODIFY      /* read-modify-write: counted as a read by the
                           caller, marks the line dirty */
} cs_hier_kind_t;

/* The levels of an outcome: L1 is I1 or D1, whichever the access used. */
enum { CS_HIER_L1, CS_HIER_L2, CS_HIER_LL };

/* An access's outcome, packed in one 64-bit word (0 = a hit in L1 that
 * caused nothing else), per level:
 *   bit  0..2   CS_HIER_MISS: the level missed (a demand miss);
 *   bit  3..5   CS_HIER_USEFUL_PF: a demand access used a line a prefetch
 *               brought into the level (D1pfu, L2pfu, LLpfu: charged to
 *               the access that uses it, which is what the step sees);
 *   bit 38..40  CS_HIER_USEFUL_PF2: ... and so did its second line (an
 *               access across two lines that used two prefetched lines);
 *   bit  8..31  writebacks the level made (D1wb, L2wb, LLwb), 8 bits each;
 *   bit 32..37  the class of the level's miss (CS_HIER_CLASS: 0, or
 *               CS_CLASSIFY_COMPULSORY, _CAPACITY, _CONFLICT), 2 bits each,
 *               with a classifier attached;
 *   bit 41..61  prefetches the level's prefetcher made (D1pf, L2pf, LLpf:
 *               lines filled, charged to the access that triggered them),
 *               7 bits each. */
typedef unsigned long long cs_hier_outcome_t;

#define CS_HIER_MISS(level)        (1u << (level))
#define CS_HIER_USEFUL_PF(level)   (8u << (level))
#define CS_HIER_USEFUL_PF2(level)  (1ULL << (38 + (level)))
#define CS_HIER_WB_SHIFT(level)    (8 + 8 * (level))
#define CS_HIER_WRITEBACKS(outcome, level) ((unsigned)((outcome) >> CS_HIER_WB_SHIFT(level)) & 0xffu)
#define CS_HIER_CLASS_SHIFT(level) (32 + 2 * (level))
#define CS_HIER_CLASS(outcome, level) ((unsigned)((outcome) >> CS_HIER_CLASS_SHIFT(level)) & 3u)
#define CS_HIER_PF_SHIFT(level)    (41 + 7 * (level))
#define CS_HIER_PREFETCHES(outcome, level) ((unsigned)((outcome) >> CS_HIER_PF_SHIFT(level)) & 0x7fu)
/* Useful prefetches of a level in an outcome: 0, 1 or 2. */
#define CS_HIER_USEFUL(outcome, level) \
    ((((outcome) & CS_HIER_USEFUL_PF(level)) != 0) + (((outcome) & CS_HIER_USEFUL_PF2(level)) != 0))

struct cs_classify;

typedef struct {
    cs_policy_cache_t cache[CS_CPU_NCACHES];   /* I1, D1, L2, LL */
    int has_l2;
    int quirks;                  /* cachegrind-quirks */
    int incl_shape;              /* an L2, L2 and LL inclusive, no classifier and
                                    no quirks: the miss path's copies made for
                                    that shape serve (hierarchy.c) */
    int l1_quick;                /* no classifier and no quirks: an L1 hit is
                                    the policy's lookup alone */
    unsigned char inclusion[CS_CPU_NCACHES];
    cs_line_t dirty_for[4];      /* per kind: CS_LINE_DIRTY or 0 */
    cs_pf_t pf[CS_CPU_NCACHES];  /* each cache's prefetchers (D1, L2, LL) */
    unsigned pf_triggered;       /* bit i: cache i has prefetchers run on triggers */
    int pf_loads;                /* D1 has an ipstride prefetcher */
    struct cs_classify *classify;  /* NULL: no miss classification */
} cs_hier_t;

/* Bytes of zeroed storage the hierarchy of a (checked) description needs. */
unsigned long cs_hier_storage_bytes(const cs_cpu_t *cpu);

/* Set up over the storage; cpu must have passed cs_cpu_check. */
void cs_hier_init(cs_hier_t *h, const cs_cpu_t *cpu, void *zeroed);

/* Forget every line (back to the start-up state). */
void cs_hier_flush(cs_hier_t *h);

/* cs_hier_access_slow past its inline part. */
cs_hier_outcome_t cs_hier_access_general(cs_hier_t *h, cs_hier_kind_t kind, cs_hier_addr_t addr,
                                         unsigned long size);

/* cs_hier_access_slow after its inline L1 lookup of key, which gave old
 * (0: a miss; else what L1 held, PREFETCHED). */
cs_hier_outcome_t cs_hier_l1_looked_up(cs_hier_t *h, cs_hier_kind_t kind, cs_line_t key,
                                       cs_line_t old);

/* The outcomes of an access's two lines as one (the second's taken after
 * the first's). */
cs_hier_outcome_t cs_hier_combine(cs_hier_outcome_t first, cs_hier_outcome_t second);

/* One line (block) of an access with h->l1_quick: its lookup in L1 (c),
 * and the rest only when it was not a hit that needs nothing more. */
static inline __attribute__((always_inline)) cs_hier_outcome_t
cs_hier_l1_line(cs_hier_t *h, cs_hier_kind_t kind, cs_policy_cache_t *c, cs_hier_addr_t block)
{
    cs_line_t key = cs_line_key(block, c->line_bits);
    cs_line_t old = cs_policy_lookup(c, block & c->set_mask, key, h->dirty_for[kind],
                                     CS_LINE_PREFETCHED);
    if (old != 0 && !(old & CS_LINE_PREFETCHED))
        return 0;
    return cs_hier_l1_looked_up(h, kind, key, old);
}

/* The general path of cs_hier_access.  With no classifier and not
 * Cachegrind's quirks, an L1 hit (on a line that is not its set's fast
 * exit: the usual case here) is looked up inline, so that it costs the
 * call of the policy's lookup alone; each line of an access across two
 * the same.  Always inline: GCC otherwise keeps one copy that each of
 * the tool's helpers calls, a second call per hit. */
static inline __attribute__((always_inline)) cs_hier_outcome_t
cs_hier_access_slow(cs_hier_t *h, cs_hier_kind_t kind, cs_hier_addr_t addr, unsigned long size)
{
    cs_policy_cache_t *c = &h->cache[kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1];
    cs_hier_addr_t block = addr >> c->line_bits, last = (addr + size - 1) >> c->line_bits;

    if (h->l1_quick) {
        cs_hier_outcome_t first, second;
        if (block == last)
            return cs_hier_l1_line(h, kind, c, block);
        first = cs_hier_l1_line(h, kind, c, block);
        second = cs_hier_l1_line(h, kind, c, last);
        return first == 0 ? second : second == 0 ? first : cs_hier_combine(first, second);
    }
    return cs_hier_access_general(h, kind, addr, size);
}

/* Simulate one access of size bytes (1 <= size <= the smallest line size)
 * at addr.  The common case -- a hit on the most recently used line of an
 * L1 set, when the policy makes that a no-op -- returns at once. */
static inline cs_hier_outcome_t cs_hier_access(cs_hier_t *h, cs_hier_kind_t kind,
                                               cs_hier_addr_t addr, unsigned long size)
{
    cs_policy_cache_t *c = &h->cache[kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1];
    cs_hier_addr_t block = addr >> c->line_bits;

    if (block == (addr + size - 1) >> c->line_bits) {
        cs_line_t *slot = cs_policy_fast_slot(c, block & c->set_mask);
        /* below 2: the line, valid, not marked PREFETCHED */
        if (slot != 0 && (*slot ^ cs_line_key(block, c->line_bits)) < 2) {
            *slot |= h->dirty_for[kind];
            return 0;
        }
    }
    return cs_hier_access_slow(h, kind, addr, size);
}

/* cs_hier_access with a classifier attached: the same fast exit, which
 * then also updates L1's twin. */
cs_hier_outcome_t cs_hier_access_classified(cs_hier_t *h, cs_hier_kind_t kind,
                                            cs_hier_addr_t addr, unsigned long size);

/* With a classifier and the L1 mirrors set (cs_policy_set_mirrors): the
 * line (the address of its first byte) on which an access of this kind
 * that stays within one line changes nothing -- it is the fast-exit line
 * of its set in L1 and the last line of L1's twin, so that
 * cs_hier_access_classified would return 0 and update nothing -- or
 * CS_POLICY_NO_LINE.  It stays so until the next access: the tool tests
 * each access against it inline and calls the model only when it fails
 * (instrument/cache_tests.c). */
static inline cs_line_t cs_hier_quiet_line(const cs_hier_t *h, cs_hier_kind_t kind)
{
    unsigned cache = kind == CS_HIER_IFETCH ? CS_CPU_I1 : CS_CPU_D1;
    const cs_policy_cache_t *c = &h->cache[cache];
    const cs_line_t *mirror = (kind == CS_HIER_WRITE || kind == CS_HIER_MODIFY)
                              && c->mirror_write != 0 ? c->mirror_write : c->mirror_read;
    cs_line_t line = cs_classify_last_line(h->classify, cache);
    return mirror[(line >> c->line_bits) & c->set_mask] == line ? line : CS_POLICY_NO_LINE;
}

/* After an access of this kind with outcome out, with a classifier and
 * the mirrors: quiet[CS_HIER_IFETCH .. CS_HIER_WRITE] (one line per kind,
 * CS_POLICY_NO_LINE at first) brought up to date with cs_hier_quiet_line
 * (a modify's is a write's).  An access changes the other L1 only
 * through the back-invalidations of an inclusive level, which an access
 * that hit L1 (outcome 0) does not reach; without write-back (no write
 * mirror) a write's quiet line is a read's. */
static inline void cs_hier_update_quiet(const cs_hier_t *h, cs_hier_kind_t kind,
                                        cs_hier_outcome_t out, cs_line_t quiet[3])
{
    int other = out != 0 && ((h->has_l2 && h->inclusion[CS_CPU_L2] == CS_CPU_INCLUSIVE)
                             || h->inclusion[CS_CPU_LL] == CS_CPU_INCLUSIVE);
    if (kind == CS_HIER_IFETCH || other)
        quiet[CS_HIER_IFETCH] = cs_hier_quiet_line(h, CS_HIER_IFETCH);
    if (kind != CS_HIER_IFETCH || other) {
        quiet[CS_HIER_READ] = cs_hier_quiet_line(h, CS_HIER_READ);
        quiet[CS_HIER_WRITE] = h->cache[CS_CPU_D1].mirror_write == 0
                               ? quiet[CS_HIER_READ] : cs_hier_quiet_line(h, CS_HIER_WRITE);
    }
}

/* Prefetch the n lines (line numbers) into D1 that its ipstride
 * prefetcher asked for, adding them to out. */
cs_hier_outcome_t cs_hier_prefetch_d1_lines(cs_hier_t *h, const unsigned long *lines, unsigned n,
                                            cs_hier_outcome_t out);

/* A load (a read or modify) at addr by the instruction at ip, after its
 * access: trains D1's ipstride prefetcher and makes its prefetches,
 * adding them to out.  Inline, as most loads ask for no line. */
static inline cs_hier_outcome_t cs_hier_load(cs_hier_t *h, cs_hier_addr_t addr, cs_hier_addr_t ip,
                                             cs_hier_outcome_t out)
{
    unsigned long targets[CS_PF_MAX_TARGETS];
    unsigned n = cs_pf_load(&h->pf[CS_CPU_D1], ip, addr, targets);
    return n == 0 ? out : cs_hier_prefetch_d1_lines(h, targets, n, out);
}

/* The access step for a hierarchy with an ipstride prefetcher or a
 * classifier (cs_hier_needs_ext): as cs_hier_access, and for a load (a
 * read or modify) it trains D1's ipstride prefetcher with ip, the
 * instruction address, after the access.  Without either it gives what
 * cs_hier_access gives.  (The tool, which knows each access's kind when
 * it instruments, may call the parts itself.) */
static inline cs_hier_outcome_t cs_hier_access_ext(cs_hier_t *h, cs_hier_kind_t kind,
                                                   cs_hier_addr_t addr, unsigned long size,
                                                   cs_hier_addr_t ip)
{
    cs_hier_outcome_t out = h->classify != 0 ? cs_hier_access_classified(h, kind, addr, size)
                                             : cs_hier_access(h, kind, addr, size);
    if (h->pf_loads && (kind == CS_HIER_READ || kind == CS_HIER_MODIFY))
        out = cs_hier_load(h, addr, ip, out);
    return out;
}

/* Does the hierarchy need cs_hier_access_ext (and the instruction address
 * of each access)?  Decided once, before instrumenting: without an
 * ipstride prefetcher or a classifier, cs_hier_access costs what it did
 * before prefetchers existed. */
static inline int cs_hier_needs_ext(const cs_hier_t *h)
{
    return h->pf_loads || h->classify != 0;
}

/* Attach a classifier (cs_classify_init over the same description)
 * before the first access; from then on every lookup is passed to it. */
void cs_hier_attach_classify(cs_hier_t *h, struct cs_classify *cl);

/* A prefetch of the line holding addr into cache (CS_CPU_D1 or CS_CPU_L2):
 * if the line is not there it is filled like a demand miss from that
 * level outwards, but counts no miss, and the copy in `cache` is marked
 * PREFETCHED.  Returns the writebacks it caused (misses are not set). */
cs_hier_outcome_t cs_hier_prefetch(cs_hier_t *h, unsigned cache, cs_hier_addr_t addr);

/* The flags (CS_LINE_VALID, CS_LINE_DIRTY, CS_LINE_PREFETCHED) of the
 * line holding addr in cache, or 0 if it is not there.  For tests and
 * checks; changes nothing. */
cs_line_t cs_hier_probe(const cs_hier_t *h, unsigned cache, cs_hier_addr_t addr);

#endif
